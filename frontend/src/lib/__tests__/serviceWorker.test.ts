// The service worker (public/sw.js) run against a stand-in `self`: a push shows the notice
// it carries, a click opens /mina-svar (or focuses it), and a broken push still shows one.
import { describe, it, expect, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = readFileSync(fileURLToPath(new URL('../../../public/sw.js', import.meta.url)), 'utf8');

type Handler = (event: Record<string, unknown>) => void;

function worker(windows: { url: string; focus: () => Promise<unknown> }[] = []) {
  const handlers: Record<string, Handler> = {};
  const self = {
    location: { origin: 'https://rostrum.example.se' },
    addEventListener: (type: string, handler: Handler) => (handlers[type] = handler),
    registration: { showNotification: vi.fn(async () => undefined) },
    clients: { matchAll: vi.fn(async () => windows), openWindow: vi.fn(async () => null) },
  };
  new Function('self', source)(self);
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    let waited: Promise<unknown> = Promise.resolve();
    handlers[type]({ ...event, waitUntil: (p: Promise<unknown>) => (waited = p) });
    await waited;
  };
  return { self, dispatch };
}

const notice = { title: 'Röstrum', body: 'Det finns nytt', url: '/mina-svar', tag: 'mina-svar', lang: 'ar' };

describe('service worker', () => {
  it('shows the notice a push carries, right to left for Arabic', async () => {
    const { self, dispatch } = worker();
    await dispatch('push', { data: { json: () => notice } });
    expect(self.registration.showNotification).toHaveBeenCalledWith('Röstrum', {
      body: 'Det finns nytt',
      tag: 'mina-svar',
      lang: 'ar',
      dir: 'rtl',
      data: { url: '/mina-svar' },
    });
  });

  it('still shows a notice when the push is not JSON', async () => {
    const { self, dispatch } = worker();
    await dispatch('push', { data: { json: () => JSON.parse('nope') } });
    expect(self.registration.showNotification).toHaveBeenCalledWith('Röstrum', expect.objectContaining({ tag: 'mina-svar' }));
  });

  it('opens /mina-svar on a click, and only a path of this site', async () => {
    const { self, dispatch } = worker();
    const close = vi.fn();
    await dispatch('notificationclick', { notification: { close, data: { url: 'https://evil.example/' } } });
    await dispatch('notificationclick', { notification: { close, data: { url: '//evil.example/x' } } });
    expect(close).toHaveBeenCalledTimes(2);
    expect(self.clients.openWindow.mock.calls).toEqual([
      ['https://rostrum.example.se/mina-svar'],
      ['https://rostrum.example.se/mina-svar'],
    ]);
  });

  it('focuses /mina-svar when it is open already', async () => {
    const focus = vi.fn(async () => undefined);
    const { self, dispatch } = worker([{ url: 'https://rostrum.example.se/mina-svar', focus }]);
    await dispatch('notificationclick', { notification: { close: vi.fn(), data: { url: '/mina-svar' } } });
    expect(focus).toHaveBeenCalled();
    expect(self.clients.openWindow).not.toHaveBeenCalled();
  });
});
