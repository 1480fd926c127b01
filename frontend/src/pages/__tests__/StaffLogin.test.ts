// @vitest-environment jsdom
// The staff login page: the city login (OpenID Connect) is a plain link when the server
// offers it, and a failed city login comes back with a message.
import { describe, it, expect, vi, beforeAll, beforeEach, afterEach } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

vi.mock('../../lib/session', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/session')>();
  return { ...real, loadMe: () => Promise.resolve(null) }; // the test sets the store itself
});

import { render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../lib/i18n';
import { me } from '../../lib/session';
import Staff from '../Staff.svelte';

const anonymous = (city_login_url: string | null) => ({
  loaded: true,
  me: {
    authenticated: false,
    username: null,
    roles: [],
    mfa_required: false,
    mfa_enrolment_required: false,
    city_login_url,
  } as never,
});

beforeAll(async () => {
  // Swedish from the start: jsdom's browser language (en-US) would begin loading English,
  // which a test this short outlives.
  localStorage.setItem('rostrum.locale', 'sv');
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
});

beforeEach(() => fetchMock.mockReset());
afterEach(() => window.history.replaceState(null, '', '/'));

describe('Staff login', () => {
  it('offers the city login as a link to where the server says it starts', () => {
    me.set(anonymous('/oidc/authenticate/'));
    render(Staff);

    const link = screen.getByRole('link', { name: 'Logga in med stadens konto' });
    expect(link).toHaveAttribute('href', '/oidc/authenticate/');
    // Local accounts still log in with a password.
    expect(screen.getByLabelText('Lösenord')).toBeInTheDocument();
  });

  it('sends the city login back to the page that asked for the login', () => {
    window.history.replaceState(null, '', '/staff?next=%2Fstaff%2Fcouncil');
    me.set(anonymous('/oidc/authenticate/'));
    render(Staff);

    const link = screen.getByRole('link', { name: 'Logga in med stadens konto' });
    expect(link).toHaveAttribute('href', '/oidc/authenticate/?next=%2Fstaff%2Fcouncil');
  });

  it('shows no city login when the server has it off', () => {
    me.set(anonymous(null));
    render(Staff);

    expect(screen.queryByRole('link', { name: 'Logga in med stadens konto' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Logga in' })).toBeInTheDocument();
  });

  it('says so when the city login failed', () => {
    window.history.replaceState(null, '', '/staff?city_login=failed');
    me.set(anonymous('/oidc/authenticate/'));
    render(Staff);

    expect(screen.getByRole('alert')).toHaveTextContent('Inloggningen med stadens konto gick inte');
  });
});
