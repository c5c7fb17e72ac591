import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.js';
import type { InboxNotification } from '../api/types.js';

/** The most the badge counts; more shows as "99+". The API lists at most 200 at once. */
const COUNT_LIMIT = 100;
const POLL_MS = 60_000;

const changed = new Set<() => void>();

/** Tells the badge to count again (an item was marked read, or a push arrived). */
export function inboxChanged(): void {
  for (const listener of changed) listener();
}

/**
 * The number of unread notices, for the badge: counted when the app opens and on every
 * navigation, each minute, when the inbox changes, and when the service worker says a push came.
 */
export function useUnreadCount(api: ApiClient, path: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const again = () => setGeneration((n) => n + 1);
    changed.add(again);
    const timer = window.setInterval(again, POLL_MS);
    const fromWorker = (event: MessageEvent<unknown>) => {
      if ((event.data as { type?: unknown } | null)?.type === 'syncwell-notification') again();
    };
    if ('serviceWorker' in navigator) navigator.serviceWorker.addEventListener('message', fromWorker);
    return () => {
      changed.delete(again);
      window.clearInterval(timer);
      if ('serviceWorker' in navigator) navigator.serviceWorker.removeEventListener('message', fromWorker);
    };
  }, []);
  useEffect(() => {
    let live = true;
    api
      .get<{ notifications: InboxNotification[] }>(`/v1/notifications?unread=true&limit=${COUNT_LIMIT}`)
      .then(
        ({ notifications }) => live && setCount(notifications.length),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [api, path, generation]);
  return count;
}

export function countLabel(count: number): string {
  return count >= COUNT_LIMIT ? `${COUNT_LIMIT - 1}+` : String(count);
}
