import { useServices } from '../app-context.js';
import { loadAccount } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';
import { RuleCard } from './rule-card.js';

export function RulesScreen() {
  const { api } = useServices();
  const [account] = useResource('account', () => loadAccount(api));
  return (
    <Page
      title="Rules"
      actions={
        <Link to="/rules/new" className="button">
          New rule
        </Link>
      }
    >
      {account.state === 'loading' ? <Loading what="your rules" /> : null}
      {account.state === 'failed' ? <ErrorNotice error={account.error} /> : null}
      {account.state === 'ready' && account.value.rules.length === 0 ? (
        <p className="muted">
          No rules yet. A rule says what to copy from one connection to another, and how often.
        </p>
      ) : null}
      {account.state === 'ready' ? (
        <ul className="cards">
          {account.value.rules.map((rule) => (
            <RuleCard key={rule.id} account={account.value} rule={rule} />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
