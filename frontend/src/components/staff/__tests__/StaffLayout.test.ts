// @vitest-environment jsdom
// The one staff guard: the page for the right role, "no permission" (and no form) for the
// wrong one, the login prompt for anonymous users.
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../../lib/i18n';
import { me } from '../../../lib/session';
import { access, safeNext, PAGE_ROLES } from '../../../lib/access';

vi.mock('../../../lib/session', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/session')>();
  return { ...real, loadMe: () => Promise.resolve(null) }; // the test sets the store itself
});

import StaffLayout from '../StaffLayout.svelte';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages(); // staff strings load with the staff pages
});

const page = createRawSnippet(() => ({ render: () => '<form><input aria-label="Titel" /></form>' }));
const user = (roles: string[], mfa: { mfa_required?: boolean; mfa_enrolment_required?: boolean } = {}) => ({
  loaded: true,
  me: { authenticated: true, username: 'x', roles, mfa_required: false, mfa_enrolment_required: false, ...mfa } as never,
});

describe('access', () => {
  it('is decided once for every staff page', () => {
    expect(access({ loaded: false, me: null }, PAGE_ROLES.live)).toBe('loading');
    expect(access({ loaded: true, me: null }, PAGE_ROLES.live)).toBe('anonymous');
    expect(access(user(['council_member']), PAGE_ROLES.live)).toBe('forbidden');
    expect(access(user(['official']), PAGE_ROLES.manage)).toBe('allowed');
    expect(access(user(['admin']), PAGE_ROLES.live)).toBe('allowed');
    expect(access(user([]), PAGE_ROLES.any)).toBe('forbidden');
  });

  it('asks for the second step before any role counts', () => {
    expect(access(user(['admin'], { mfa_required: true }), PAGE_ROLES.live)).toBe('verify');
    expect(access(user(['official'], { mfa_enrolment_required: true }), PAGE_ROLES.manage)).toBe('enrol');
  });

  it('comes back only to a path on this site', () => {
    expect(safeNext('/console/FIKA42')).toBe('/console/FIKA42');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe('StaffLayout', () => {
  it('shows the page to a user with the role', () => {
    me.set(user(['youth_worker']));
    render(StaffLayout, { roles: PAGE_ROLES.live, title: 'Styr', children: page });
    expect(screen.getByLabelText('Titel')).toBeInTheDocument();
  });

  it('tells a logged-in user without the role, and shows no form', () => {
    me.set(user(['council_member']));
    const { container } = render(StaffLayout, { roles: PAGE_ROLES.live, title: 'Styr', children: page });
    expect(screen.getByRole('alert')).toHaveTextContent('Du har inte behörighet till den här sidan.');
    expect(container.querySelectorAll('input, textarea, select')).toHaveLength(0);
    expect(screen.queryByRole('link', { name: 'Logga in' })).not.toBeInTheDocument();
  });

  it('asks for the code from the app, not the page, after the password', () => {
    me.set(user(['official'], { mfa_required: true }));
    render(StaffLayout, { roles: PAGE_ROLES.manage, title: 'Styr', children: page });
    const code = screen.getByLabelText('Kod från appen');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(screen.getByRole('button', { name: 'Använd en reservkod' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Titel')).not.toBeInTheDocument();
  });

  it('has an official without an app set one up first', () => {
    me.set(user(['official'], { mfa_enrolment_required: true }));
    render(StaffLayout, { roles: PAGE_ROLES.manage, title: 'Styr', children: page });
    expect(screen.getByRole('heading', { name: 'Slå på tvåstegsverifiering' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Börja' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Titel')).not.toBeInTheDocument();
  });

  it('asks an anonymous user to log in and come back', () => {
    me.set({ loaded: true, me: null });
    render(StaffLayout, { roles: PAGE_ROLES.live, title: 'Styr', children: page });
    expect(screen.getByRole('link', { name: 'Logga in' }).getAttribute('href')).toMatch(/^\/staff\?next=/);
    expect(screen.queryByLabelText('Titel')).not.toBeInTheDocument();
  });
});
