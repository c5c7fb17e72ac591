import { useState } from 'react';
import { useServices } from '../app-context.js';
import type { InboxNotification } from '../api/types.js';
import { connectionName, loadAccount, type Account } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { When } from '../components/when.js';
import { inboxChanged } from '../push/unread-count.js';
import { Link } from '../router.js';
import { noticeWords } from '../text/notice-words.js';
import { useResource } from '../use-resource.js';

interface Inbox {
  readonly account: Account;
  readonly notifications: readonly InboxNotification[];
}

/**
 * Journey 7: the inbox. Newest first, unread ones marked as such; each says what happened in
 * plain words with the link where the person acts on it. Following the link or "Mark as read"
 * marks it read (the API has no bulk call, so "Mark all as read" marks them one by one).
 */
export function NotificationsScreen() {
  const { api } = useServices();
  const [inbox, reload] = useResource<Inbox>('inbox', async () => {
    const [account, { notifications }] = await Promise.all([
      loadAccount(api),
      api.get<{ notifications: InboxNotification[] }>('/v1/notifications?limit=100'),
    ]);
    return { account, notifications };
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const markRead = async (ids: readonly string[]) => {
    setBusy(true);
    setError(null);
    try {
      for (const id of ids) await api.patch(`/v1/notifications/${encodeURIComponent(id)}`, { read: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      inboxChanged();
      reload();
    }
  };

  const settings = (
    <Link to="/notifications/settings" className="button-quiet">
      Notification settings
    </Link>
  );
  if (inbox.state !== 'ready') {
    return (
      <Page title="Inbox" actions={settings}>
        {inbox.state === 'failed' ? <ErrorNotice error={inbox.error} /> : <Loading what="your inbox" />}
      </Page>
    );
  }
  const { account, notifications } = inbox.value;
  const unread = notifications.filter((n) => n.readAt === null);
  return (
    <Page title="Inbox" actions={settings}>
      {error === null ? null : <ErrorNotice error={error} />}
      <div className="card-head">
        <p className="lead">
          {unread.length === 0
            ? 'Nothing unread.'
            : `${unread.length} unread ${unread.length === 1 ? 'notice' : 'notices'}.`}
        </p>
        {unread.length === 0 ? null : (
          <button
            type="button"
            className="button-quiet"
            disabled={busy}
            onClick={() => void markRead(unread.map((n) => n.id))}
          >
            Mark all as read
          </button>
        )}
      </div>
      {notifications.length === 0 ? (
        <p className="muted">
          SyncWell tells you here when a connection needs you, a sync keeps failing, an import ends or a
          conflict waits for your choice.
        </p>
      ) : (
        <ul className="cards">
          {notifications.map((notice) => {
            const words = noticeWords(
              notice,
              notice.connectionId === null ? null : connectionName(account, notice.connectionId),
            );
            const isUnread = notice.readAt === null;
            return (
              <li key={notice.id} className={isUnread ? 'card notice-unread' : 'card'}>
                <article aria-labelledby={`notice-${notice.id}`}>
                  <div className="card-head">
                    <h2 id={`notice-${notice.id}`} className="h3">
                      {isUnread ? <span className="visually-hidden">Unread: </span> : null}
                      {words.title}
                    </h2>
                    {isUnread ? <span className="badge badge-warn">New</span> : null}
                  </div>
                  <p>{words.body}</p>
                  <p className="muted">
                    <When at={notice.createdAt} />
                  </p>
                  <div className="card-links">
                    <Link
                      to={words.link}
                      onClick={() => {
                        if (isUnread) void markRead([notice.id]);
                      }}
                    >
                      {words.action}
                    </Link>
                    {isUnread ? (
                      <button
                        type="button"
                        className="button-quiet"
                        disabled={busy}
                        onClick={() => void markRead([notice.id])}
                        aria-label={`Mark “${words.title}” as read`}
                      >
                        Mark as read
                      </button>
                    ) : null}
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
