// Röstrum's service worker: only 'you said, we did' notices (docs/decisions/0058-web-push.md).
// Served at /sw.js (config/urls.py) so it may control /mina-svar; it has no fetch handler,
// so it never stands between a page and the network.
'use strict';

const FALLBACK = { title: 'Röstrum', body: '', url: '/mina-svar', tag: 'mina-svar', lang: 'sv' };

self.addEventListener('push', (event) => {
  let notice = FALLBACK;
  try {
    notice = { ...FALLBACK, ...(event.data ? event.data.json() : {}) };
  } catch {
    // Not JSON: show the fallback rather than nothing (a push must show a notification).
  }
  const rtl = notice.lang === 'ar' || notice.lang === 'fa';
  event.waitUntil(
    self.registration.showNotification(notice.title, {
      body: notice.body,
      tag: notice.tag,
      lang: notice.lang,
      dir: rtl ? 'rtl' : 'ltr',
      data: { url: notice.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only our own pages: the path from the notice, resolved against this site.
  const path = (event.notification.data && event.notification.data.url) || FALLBACK.url;
  let target = new URL(FALLBACK.url, self.location.origin).href;
  try {
    const url = new URL(path, self.location.origin);
    if (url.origin === self.location.origin) target = url.href;
  } catch {
    // Not a URL: the fallback.
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (client.url === target && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(target);
    }),
  );
});
