import { useServices } from '../app-context.js';
import { loadAccount, providerName, type Account } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';
import { RuleCard } from './rule-card.js';

export function HomeScreen() {
  const { api, serverInfo } = useServices();
  const [account] = useResource('account', () => loadAccount(api));
  return (
    <Page title="Home">
      {serverInfo?.demo ? <DemoLinks links={serverInfo.demo.links} /> : null}
      {account.state === 'loading' ? <Loading what="your overview" /> : null}
      {account.state === 'failed' ? <ErrorNotice error={account.error} /> : null}
      {account.state === 'ready' ? <Overview account={account.value} /> : null}
    </Page>
  );
}

function Overview({ account }: { account: Account }) {
  const needing = account.connections.filter((c) => c.status !== 'active');
  const active = account.connections.filter((c) => c.status === 'active');
  return (
    <>
      {needing.length === 0 ? null : (
        <div className="notice notice-warn" role="status">
          {needing.map((c) => providerName(account, c.provider)).join(' and ')}{' '}
          {needing.length === 1 ? 'needs' : 'need'} you to reconnect. <Link to="/connections">Reconnect</Link>
        </div>
      )}
      {account.rules.length === 0 ? (
        <section aria-labelledby="start">
          <h2 id="start">Get started</h2>
          <ol className="steps">
            <li className={active.length >= 1 ? 'step-done' : undefined}>
              <Link to="/connections">Connect where your data is</Link>, for example Polar.
              {active.length >= 1 ? <span className="visually-hidden"> (done)</span> : null}
            </li>
            <li className={active.length >= 2 ? 'step-done' : undefined}>
              <Link to="/connections">Connect where it should go</Link>, for example Strava.
              {active.length >= 2 ? <span className="visually-hidden"> (done)</span> : null}
            </li>
            <li>
              <Link to="/rules/new">Make a rule</Link>: what to copy, and how often.
            </li>
            <li>Press “Sync now” and watch it arrive.</li>
          </ol>
        </section>
      ) : (
        <section aria-labelledby="your-rules">
          <h2 id="your-rules">Your rules</h2>
          <ul className="cards">
            {account.rules.map((rule) => (
              <RuleCard key={rule.id} account={account} rule={rule} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function DemoLinks({ links }: { links: readonly { label: string; url: string }[] }) {
  return (
    <aside className="notice notice-info" aria-label="Demo mode">
      <p>
        <strong>Demo mode:</strong> the providers here are local simulators.
      </p>
      <ul>
        {links.map((link) => (
          <li key={link.url}>
            <a href={link.url} target="_blank" rel="noreferrer">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
