import type { ReactNode } from 'react';
import { useServices } from '../app-context.js';
import { countLabel, useUnreadCount } from '../push/unread-count.js';
import { Link } from '../router.js';
import { OfflineNotice } from './offline-notice.js';

const NAV: readonly { to: string; label: string }[] = [
  { to: '/', label: 'Home' },
  { to: '/connections', label: 'Connections' },
  { to: '/rules', label: 'Rules' },
  { to: '/runs', label: 'Activity' },
  { to: '/conflicts', label: 'Conflicts' },
  { to: '/insights', label: 'Insights' },
];

function isCurrent(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`);
}

/** The signed-in frame: brand and account on top, the sections as a tab bar (bottom on a phone). */
export function SignedInLayout({
  path,
  onLogOut,
  children,
}: {
  path: string;
  onLogOut: () => void;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          SyncWell
        </Link>
        <div className="top-actions">
          <InboxLink path={path} />
          <Link
            to="/account"
            className="button-quiet"
            aria-current={path === '/account' ? 'page' : undefined}
          >
            Account
          </Link>
          <button type="button" className="button-quiet" onClick={onLogOut}>
            Log out
          </button>
        </div>
      </header>
      <nav className="tab-bar" aria-label="Sections">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        <OfflineNotice />
        {children}
      </main>
    </div>
  );
}

/** "Inbox" with the number of unread notices beside it (and in its accessible name). */
function InboxLink({ path }: { path: string }) {
  const { api } = useServices();
  const unread = useUnreadCount(api, path);
  const label = unread === null || unread === 0 ? 'Inbox' : `Inbox, ${countLabel(unread)} unread`;
  return (
    <Link
      to="/notifications"
      className="button-quiet inbox-link"
      aria-label={label}
      aria-current={path === '/notifications' ? 'page' : undefined}
    >
      Inbox
      {unread === null || unread === 0 ? null : (
        <span className="count-badge" aria-hidden="true">
          {countLabel(unread)}
        </span>
      )}
    </Link>
  );
}

export function SignedOutLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell shell-narrow">
      <header className="top-bar">
        <span className="brand">SyncWell</span>
      </header>
      <main id="main" className="content">
        <OfflineNotice />
        {children}
      </main>
    </div>
  );
}
