import type { ReactNode } from 'react';
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
