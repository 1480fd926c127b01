// @vitest-environment jsdom
// The language menu: eight choices behind one button, each named in its own language; one
// tap switches, the page turns right to left for Arabic and Persian, the device remembers.
import { describe, it, expect, beforeAll, beforeEach } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { get } from 'svelte/store';
import { setupI18n } from '../../lib/i18n';
import Header from '../Header.svelte';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
});
beforeEach(async () => {
  localStorage.clear();
  await locale.set('sv');
});

describe('language menu', () => {
  it('opens a list of every language in its own name and closes with Escape', async () => {
    render(Header);
    const toggle = screen.getByRole('button', { name: 'Språk: Svenska' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    const names = screen.getAllByRole('listitem').map((li) => li.textContent?.trim());
    expect(names).toEqual(['Svenska', 'Lättläst svenska', 'English', 'العربية', 'Soomaali', 'ትግርኛ', 'فارسی', 'Türkçe']);
    expect(screen.getByRole('button', { name: 'العربية' }).getAttribute('lang')).toBe('ar');
    expect(screen.getByRole('button', { name: 'Svenska' }).getAttribute('aria-current')).toBe('true');
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'English' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('switches to Arabic with one tap: right to left, remembered, words loaded', async () => {
    render(Header);
    await fireEvent.click(screen.getByRole('button', { name: 'Språk: Svenska' }));
    await fireEvent.click(screen.getByRole('button', { name: 'العربية' }));
    await waitFor(() => expect(get(locale)).toBe('ar'));
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('rostrum.locale')).toBe('ar');
    expect(document.cookie).toContain('django_language=ar');
    // The toggle now speaks Arabic (common.language from ar.json).
    await waitFor(() => expect(screen.getByRole('button', { name: 'اللغة: العربية' })).toBeTruthy());
  });

  it('easy-read Swedish is Swedish to the browser and reads left to right', async () => {
    render(Header);
    await fireEvent.click(screen.getByRole('button', { name: 'Språk: Svenska' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Lättläst svenska' }));
    await waitFor(() => expect(get(locale)).toBe('sv-x-lattlast'));
    expect(document.documentElement.lang).toBe('sv');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
