/*
 * Web Push in SyncWell's service worker (imported by the generated sw.js, vite.config.ts).
 * The payload is the notice SyncWell sent: kind, reason code, ids, title, body and the app link;
 * never a health value. It is shown as a notification and the open app is told to recount its
 * unread badge; a click focuses (or opens) the app at the notice's link, on this origin only.
 */
self.addEventListener('push', (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch {
    notice = {};
  }
  const title = typeof notice.title === 'string' ? notice.title : 'SyncWell';
  const link = typeof notice.url === 'string' ? notice.url : '/';
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(title, {
        body: typeof notice.body === 'string' ? notice.body : '',
        icon: '/icons/icon-192.png',
        badge: '/icons/icon-192.png',
        tag:
          typeof notice.kind === 'string'
            ? `${notice.kind}:${notice.connectionId ?? notice.ruleId ?? ''}`
            : undefined,
        data: { url: link, kind: notice.kind ?? null, code: notice.code ?? null },
      }),
      self.clients
        .matchAll({ type: 'window', includeUncontrolled: true })
        .then((windows) =>
          windows.forEach((client) => client.postMessage({ type: 'syncwell-notification' })),
        ),
    ]),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const asked = new URL(event.notification.data?.url ?? '/', self.location.origin);
  const target = asked.origin === self.location.origin ? asked.href : `${self.location.origin}/`;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open !== undefined) return open.focus().then((client) => client.navigate(target));
      return self.clients.openWindow(target);
    }),
  );
});
