import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from './api/api-client.js';
import type { Session } from './api/session.js';
import type { ServerInfo } from './api/types.js';
import { AppContext } from './app-context.js';
import { SignedInLayout, SignedOutLayout } from './components/layout.js';
import { Loading } from './components/feedback.js';
import { matchPath, navigate, useLocation } from './router.js';
import { BackfillScreen } from './screens/backfill.js';
import { ConflictScreen } from './screens/conflict.js';
import { ConflictsScreen } from './screens/conflicts.js';
import { ConnectionsScreen } from './screens/connections.js';
import { HomeScreen } from './screens/home.js';
import { InsightsScreen } from './screens/insights.js';
import { TroubleshooterScreen } from './screens/troubleshooter.js';
import { AccountScreen } from './screens/account.js';
import { LogInScreen } from './screens/log-in.js';
import { NotFoundScreen } from './screens/not-found.js';
import { NotificationSettingsScreen } from './screens/notification-settings.js';
import { NotificationsScreen } from './screens/notifications.js';
import { RuleFormScreen } from './screens/rule-form.js';
import { RulesScreen } from './screens/rules.js';
import { RunScreen } from './screens/run.js';
import { RunsScreen } from './screens/runs.js';
import { SignUpScreen } from './screens/sign-up.js';

const PUBLIC_PATHS = new Set(['/login', '/signup']);

export function App({ api, session }: { api: ApiClient; session: Session }) {
  const state = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current,
  );
  const { path, query } = useLocation();
  const [serverInfo, setServerInfo] = useState<ServerInfo | null>(null);
  const [endedNotice, setEndedNotice] = useState<string | null>(null);

  useEffect(() => {
    // A reload or the return from a provider's consent page: the refresh cookie restores the session.
    void session.refresh();
    fetch('/v1/server-info', { headers: { accept: 'application/json' } })
      .then(async (response) => (response.ok ? ((await response.json()) as ServerInfo) : null))
      .then(setServerInfo, () => undefined);
  }, [session]);

  useEffect(
    () =>
      session.subscribe((next) => {
        if (next === 'signed_out' && !PUBLIC_PATHS.has(location.pathname)) {
          setEndedNotice('You are logged out.');
        }
      }),
    [session],
  );

  // Signed in on a public page: go where the person was heading.
  useEffect(() => {
    if (state === 'signed_in' && PUBLIC_PATHS.has(path)) {
      navigate(query.get('next') ?? '/', { replace: true });
      setEndedNotice(null);
    }
  }, [state, path, query]);

  const services = { api, session, serverInfo };
  if (state === 'unknown') {
    return (
      <SignedOutLayout>
        <Loading what="SyncWell" />
      </SignedOutLayout>
    );
  }
  if (state === 'signed_out') {
    return (
      <AppContext.Provider value={services}>
        <SignedOutLayout>
          {path === '/signup' ? (
            <SignUpScreen />
          ) : (
            <LogInScreen
              notice={
                query.get('deleted') === '1'
                  ? 'Your account was deleted, with everything SyncWell held for it.'
                  : endedNotice
              }
            />
          )}
        </SignedOutLayout>
      </AppContext.Provider>
    );
  }
  return (
    <AppContext.Provider value={services}>
      <SignedInLayout
        path={path}
        onLogOut={() => {
          void session.logOut().finally(() => navigate('/login'));
        }}
      >
        <SignedInRoutes path={path} query={query} />
      </SignedInLayout>
    </AppContext.Provider>
  );
}

function SignedInRoutes({ path, query }: { path: string; query: URLSearchParams }) {
  if (path === '/' || PUBLIC_PATHS.has(path)) return <HomeScreen />;
  if (path === '/connections') return <ConnectionsScreen query={query} />;
  if (path === '/rules') return <RulesScreen />;
  if (path === '/rules/new') return <RuleFormScreen ruleId={null} />;
  const backfill = matchPath('/rules/:id/backfill', path);
  if (backfill?.id !== undefined) return <BackfillScreen key={backfill.id} ruleId={backfill.id} />;
  const rule = matchPath('/rules/:id', path);
  if (rule?.id !== undefined) return <RuleFormScreen key={rule.id} ruleId={rule.id} />;
  if (path === '/runs') return <RunsScreen query={query} />;
  const run = matchPath('/runs/:id', path);
  if (run?.id !== undefined) return <RunScreen key={run.id} runId={run.id} />;
  if (path === '/conflicts') return <ConflictsScreen query={query} />;
  const conflict = matchPath('/conflicts/:id', path);
  if (conflict?.id !== undefined) return <ConflictScreen key={conflict.id} conflictId={conflict.id} />;
  if (path === '/insights') return <InsightsScreen />;
  if (path === '/insights/help') return <TroubleshooterScreen conversationId={null} />;
  const conversation = matchPath('/insights/help/:id', path);
  if (conversation?.id !== undefined) return <TroubleshooterScreen conversationId={conversation.id} />;
  if (path === '/account') return <AccountScreen />;
  if (path === '/notifications') return <NotificationsScreen />;
  if (path === '/notifications/settings') return <NotificationSettingsScreen />;
  return <NotFoundScreen />;
}
