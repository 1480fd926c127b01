// @vitest-environment jsdom
import { describe, it, expect, vi, beforeAll, beforeEach, afterEach } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../lib/i18n';
import { keyBytes } from '../../lib/push';
import PushToggle from '../PushToggle.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const PUBLIC_KEY = 'BPPNBuVpig0y2urFbvTpCsZVcB-hyQLNChpCkfjJp6PJULp4WrwVyAulLc1MjXc_fCoxvJry9mDlWOrZjpF60wU';
const OLD_KEY = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/abc';
// sha256(ENDPOINT), computed elsewhere (Python's hashlib).
const ENDPOINT_SHA256 = '4e9bdab8bbe7189c00aebb0922fc49fe40e00594c400f3e1b5dcf97a35c79f85';
const KEYS = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };
const TOGGLE = 'Få en notis när något händer med det du tyckt';

// The browser's side, mocked in this test only: a registration whose PushManager hands out
// one subscription, and a Notification permission prompt that answers as told.
function fakeBrowser({ subscribed = false, permission = 'granted', serverKey = PUBLIC_KEY } = {}) {
  const subscription = {
    endpoint: ENDPOINT,
    options: { applicationServerKey: keyBytes(serverKey).buffer },
    toJSON: () => ({ endpoint: ENDPOINT, keys: KEYS }),
    unsubscribe: vi.fn(async () => true),
  };
  let current: typeof subscription | null = subscribed ? subscription : null;
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async () => (current = subscription)),
  };
  subscription.unsubscribe.mockImplementation(async () => ((current = null), true));
  const registration = { pushManager };
  const serviceWorker = {
    register: vi.fn(async () => registration),
    ready: Promise.resolve(registration),
    getRegistration: vi.fn(async () => registration),
  };
  Object.defineProperty(navigator, 'serviceWorker', { value: serviceWorker, configurable: true });
  Object.assign(window, {
    PushManager: class {},
    Notification: { requestPermission: vi.fn(async () => permission) },
  });
  return { serviceWorker, pushManager, subscription };
}

const status = (over: Record<string, unknown> = {}) =>
  json({ enabled: true, public_key: PUBLIC_KEY, can_subscribe: true, subscribed: false, ...over });

async function postedBody(): Promise<unknown> {
  const req = fetchMock.mock.calls.map((c) => c[0] as Request).filter((r) => r.method === 'POST').at(-1)!;
  expect(new URL(req.url).pathname).toBe('/api/push/subscription');
  return JSON.parse(await req.text());
}

// Let the component's pending promises run (a macrotask after every microtask).
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
});

beforeEach(() => fetchMock.mockReset());

afterEach(() => {
  Reflect.deleteProperty(navigator, 'serviceWorker');
  Reflect.deleteProperty(window, 'PushManager');
  Reflect.deleteProperty(window, 'Notification');
});

describe('PushToggle', () => {
  it('opts in: asks permission, subscribes with the VAPID key and sends the subscription', async () => {
    const user = userEvent.setup();
    const browser = fakeBrowser();
    fetchMock.mockResolvedValueOnce(status()).mockResolvedValueOnce(json({ subscribed: true }, 201));
    render(PushToggle);

    const toggle = await screen.findByRole('switch', { name: TOGGLE });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);

    await waitFor(() => expect(toggle).toBeChecked());
    expect(window.Notification.requestPermission).toHaveBeenCalled();
    expect(browser.serviceWorker.register).toHaveBeenCalledWith('/sw.js', { scope: '/mina-svar' });
    expect(browser.pushManager.subscribe).toHaveBeenCalledWith({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(PUBLIC_KEY),
    });
    expect(await postedBody()).toEqual({ endpoint: ENDPOINT, keys: KEYS, language: 'sv' });
  });

  it('opts out: the browser unsubscribes and the server forgets this endpoint', async () => {
    const user = userEvent.setup();
    const browser = fakeBrowser({ subscribed: true });
    fetchMock
      .mockResolvedValueOnce(status({ subscribed: true }))
      .mockResolvedValueOnce(json({ subscribed: false }));
    render(PushToggle);

    const toggle = await screen.findByRole('switch', { name: TOGGLE });
    await waitFor(() => expect(toggle).toBeChecked());
    await user.click(toggle);

    await waitFor(() => expect(browser.subscription.unsubscribe).toHaveBeenCalled());
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    const req = fetchMock.mock.calls[1][0] as Request;
    expect(req.method).toBe('DELETE');
    // The endpoint's SHA-256, never the endpoint itself, in the URL.
    expect(new URL(req.url).pathname).toBe(`/api/push/subscription/${ENDPOINT_SHA256}`);
    expect(toggle).not.toBeChecked();
  });

  it('subscribes anew when the browser kept a subscription made with an older server key', async () => {
    const user = userEvent.setup();
    const browser = fakeBrowser({ subscribed: true, serverKey: OLD_KEY });
    fetchMock.mockResolvedValueOnce(status()).mockResolvedValueOnce(json({ subscribed: true }, 201));
    render(PushToggle);

    const toggle = await screen.findByRole('switch', { name: TOGGLE });
    await user.click(toggle);

    await waitFor(() => expect(toggle).toBeChecked());
    expect(browser.subscription.unsubscribe).toHaveBeenCalled();
    expect(browser.pushManager.subscribe).toHaveBeenCalledTimes(1);
  });

  it('says so and stays off when notifications are blocked, sending nothing', async () => {
    const user = userEvent.setup();
    const browser = fakeBrowser({ permission: 'denied' });
    fetchMock.mockResolvedValueOnce(status());
    render(PushToggle);

    const toggle = await screen.findByRole('switch', { name: TOGGLE });
    await user.click(toggle);

    expect(await screen.findByRole('alert')).toHaveTextContent('tillåter inte notiser');
    expect(toggle).not.toBeChecked();
    expect(browser.pushManager.subscribe).not.toHaveBeenCalled();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is hidden when the server has no VAPID keys', async () => {
    fakeBrowser();
    fetchMock.mockResolvedValueOnce(json({ enabled: false, public_key: '', can_subscribe: false, subscribed: false }));
    render(PushToggle);

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    await settled();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it('is hidden, without asking the server, where the browser has no Push API', async () => {
    render(PushToggle);

    await settled();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
