import { useId } from 'react';
import { useServices } from '../app-context.js';
import type { Conflict, ConflictStatus } from '../api/types.js';
import { loadAccount, ruleName } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { When } from '../components/when.js';
import { Link, navigate } from '../router.js';
import { DATA_TYPE_LABELS } from '../text/data-types.js';
import { useResource } from '../use-resource.js';

export const CONFLICT_STATUS_WORDS: Readonly<Record<ConflictStatus, string>> = {
  open: 'Waiting for you',
  resolved: 'Chosen: applied on the next sync',
  applied: 'Settled',
};

/** Journey 6: records that differ between the two ends of a rule, for the person to settle. */
export function ConflictsScreen({ query }: { query: URLSearchParams }) {
  const { api } = useServices();
  const status = (query.get('status') ?? 'open') as ConflictStatus | 'all';
  const [account] = useResource('account', () => loadAccount(api));
  const [conflicts] = useResource(`conflicts|${status}`, () =>
    api
      .get<{ conflicts: Conflict[] }>(status === 'all' ? '/v1/conflicts' : `/v1/conflicts?status=${status}`)
      .then((r) => r.conflicts),
  );
  const filterId = useId();
  return (
    <Page title="Conflicts">
      <p className="lead">
        When both ends of a rule hold a different record for the same time, a rule set to “Ask me” waits here
        for your choice.
      </p>
      <div className="field field-inline">
        <label htmlFor={filterId}>Show</label>
        <select
          id={filterId}
          value={status}
          onChange={(event) => navigate(`/conflicts?status=${event.target.value}`, { replace: true })}
        >
          <option value="open">Waiting for you</option>
          <option value="resolved">Chosen, not yet applied</option>
          <option value="applied">Settled</option>
          <option value="all">All</option>
        </select>
      </div>
      {conflicts.state === 'loading' ? <Loading what="conflicts" /> : null}
      {conflicts.state === 'failed' ? <ErrorNotice error={conflicts.error} /> : null}
      {conflicts.state === 'ready' && conflicts.value.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : null}
      {conflicts.state === 'ready' ? (
        <ul className="cards">
          {conflicts.value.map((conflict) => {
            const rule =
              account.state === 'ready'
                ? account.value.rules.find((r) => r.id === conflict.ruleId)
                : undefined;
            return (
              <li key={conflict.id} className="card">
                <h2 className="h3">
                  <Link to={`/conflicts/${conflict.id}`}>
                    {DATA_TYPE_LABELS[conflict.dataType]}
                    {rule !== undefined && account.state === 'ready'
                      ? ` · ${ruleName(account.value, rule)}`
                      : ''}
                  </Link>
                </h2>
                <p>{CONFLICT_STATUS_WORDS[conflict.status]}</p>
                <p className="muted">
                  <When at={conflict.range.from} prefix="For" />
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Page>
  );
}
