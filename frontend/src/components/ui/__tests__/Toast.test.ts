// @vitest-environment jsdom
import { describe, it, expect, beforeAll, afterEach, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { addMessages, init } from 'svelte-i18n';
import Toast from '../Toast.svelte';
import { dismissToast, showToast } from '../toast.svelte';

beforeAll(async () => {
  addMessages('sv', { ui: { close: 'Stäng' } });
  await init({ fallbackLocale: 'sv', initialLocale: 'sv' });
});
afterEach(() => {
  dismissToast();
  vi.useRealTimers();
});

describe('Toast', () => {
  it('announces politely through a live region that is always there', () => {
    render(Toast);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toBeEmptyDOMElement();
    showToast('Sparat!', 'success');
    flushSync();
    expect(region).toHaveTextContent('Sparat!');
  });

  it('shows one message at a time: a new one replaces the old', () => {
    render(Toast);
    showToast('Sparat!');
    showToast('Ditt svar är skickat');
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('Ditt svar är skickat');
    expect(screen.queryByText('Sparat!')).not.toBeInTheDocument();
  });

  it('goes away by itself, and the newest message keeps its full time', () => {
    vi.useFakeTimers();
    render(Toast);
    showToast('Första', 'info', 1000);
    vi.advanceTimersByTime(800);
    showToast('Andra', 'info', 1000);
    vi.advanceTimersByTime(800);
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('Andra');
    vi.advanceTimersByTime(300);
    flushSync();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('can be closed with its button', async () => {
    render(Toast);
    showToast('Kunde inte spara', 'error', 0);
    flushSync();
    await userEvent.click(screen.getByRole('button', { name: 'Stäng' }));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });
});
