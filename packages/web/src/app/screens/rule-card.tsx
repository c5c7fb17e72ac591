import type { Rule } from '../api/types.js';
import { ruleName, type Account } from '../catalogue.js';
import { Link } from '../router.js';
import { dataTypeList } from '../text/data-types.js';
import { scheduleLabel, STRATEGY_WORDS } from '../text/rule-words.js';
import { SyncNow } from './sync-now.js';

export function RuleCard({ account, rule }: { account: Account; rule: Rule }) {
  const name = ruleName(account, rule);
  const ready = [rule.sourceConnectionId, rule.destinationConnectionId].every(
    (id) => account.connections.find((c) => c.id === id)?.status === 'active',
  );
  return (
    <li className="card">
      <div className="card-head">
        <h3>{name}</h3>
        <span className={`badge ${rule.enabled ? 'badge-ok' : 'badge-off'}`}>
          {rule.enabled ? 'On' : 'Paused'}
        </span>
      </div>
      <p>
        {dataTypeList(rule.dataTypes)} ·{' '}
        {rule.enabled ? scheduleLabel(rule.intervalMinutes) : 'Only when you ask'} ·{' '}
        {STRATEGY_WORDS[rule.conflictStrategy].label.toLowerCase()} on a conflict
      </p>
      {ready ? null : (
        <p className="field-error">
          A connection of this rule needs you: <Link to="/connections">reconnect it</Link>.
        </p>
      )}
      <div className="card-actions">
        <SyncNow ruleId={rule.id} ruleName={name} disabled={!ready} />
        <div className="card-links">
          <Link
            to={`/rules/${rule.id}/backfill`}
            className="button-quiet"
            aria-label={`Import history for ${name}`}
          >
            Import history
          </Link>
          <Link to={`/rules/${rule.id}`} className="button-quiet" aria-label={`Edit ${name}`}>
            Edit
          </Link>
        </div>
      </div>
    </li>
  );
}
