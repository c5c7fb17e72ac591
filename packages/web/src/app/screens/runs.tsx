import { useId, useState } from 'react';
import { useServices } from '../app-context.js';
import { RUN_STATUSES, type Run } from '../api/types.js';
import { loadAccount, ruleName, type Account } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { RunBadge } from '../components/status-badge.js';
import { When } from '../components/when.js';
import { Link, navigate } from '../router.js';
import { RUN_STATUS_WORDS, runSummary } from '../text/run-words.js';
import { useResource } from '../use-resource.js';

const PAGE_SIZE = 20;
const TRIGGER_WORDS: Readonly<Record<Run['trigger'], string>> = {
  manual: 'You asked',
  scheduled: 'On schedule',
  webhook: 'New data arrived',
  backfill: 'History',
};

interface RunPage {
  readonly runs: readonly Run[];
  readonly nextCursor: string | null;
}

/** Journey 4: every run, newest first, filterable by rule and outcome. */
export function RunsScreen({ query }: { query: URLSearchParams }) {
  const { api } = useServices();
  const ruleId = query.get('rule') ?? '';
  const status = query.get('status') ?? '';
  const [account] = useResource('account', () => loadAccount(api));
  const [more, setMore] = useState<{ key: string; runs: readonly Run[]; cursor: string | null } | null>(null);
  const filterKey = `${ruleId}|${status}`;
  const [first] = useResource(`runs|${filterKey}`, () => api.get<RunPage>(runsPath(ruleId, status, null)));
  const ids = { rule: useId(), status: useId() };

  const setFilter = (name: 'rule' | 'status', value: string) => {
    const next = new URLSearchParams(query);
    if (value === '') next.delete(name);
    else next.set(name, value);
    const search = next.toString();
    navigate(search === '' ? '/runs' : `/runs?${search}`, { replace: true });
  };

  const extra = more?.key === filterKey ? more : null;
  const runs = first.state === 'ready' ? [...first.value.runs, ...(extra?.runs ?? [])] : [];
  const cursor = extra === null ? (first.state === 'ready' ? first.value.nextCursor : null) : extra.cursor;
  const loadMore = async () => {
    if (cursor === null) return;
    const page = await api.get<RunPage>(runsPath(ruleId, status, cursor));
    setMore({ key: filterKey, runs: [...(extra?.runs ?? []), ...page.runs], cursor: page.nextCursor });
  };

  return (
    <Page title="Activity">
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter runs">
        <div className="field">
          <label htmlFor={ids.rule}>Rule</label>
          <select id={ids.rule} value={ruleId} onChange={(event) => setFilter('rule', event.target.value)}>
            <option value="">All rules</option>
            {account.state === 'ready'
              ? account.value.rules.map((rule) => (
                  <option key={rule.id} value={rule.id}>
                    {ruleName(account.value, rule)}
                  </option>
                ))
              : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.status}>Outcome</label>
          <select
            id={ids.status}
            value={status}
            onChange={(event) => setFilter('status', event.target.value)}
          >
            <option value="">Any outcome</option>
            {RUN_STATUSES.map((value) => (
              <option key={value} value={value}>
                {RUN_STATUS_WORDS[value]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {first.state === 'loading' ? <Loading what="activity" /> : null}
      {first.state === 'failed' ? <ErrorNotice error={first.error} /> : null}
      {first.state === 'ready' && runs.length === 0 ? (
        <p className="muted">No runs {ruleId || status ? 'match these filters' : 'yet'}.</p>
      ) : null}
      <ul className="cards">
        {runs.map((run) => (
          <RunRow key={run.id} run={run} account={account.state === 'ready' ? account.value : null} />
        ))}
      </ul>
      {cursor === null ? null : (
        <button type="button" className="button-quiet" onClick={() => void loadMore()}>
          Show older runs
        </button>
      )}
    </Page>
  );
}

function RunRow({ run, account }: { run: Run; account: Account | null }) {
  const rule = account?.rules.find((r) => r.id === run.ruleId);
  const name = rule === undefined || account === null ? 'A deleted rule' : ruleName(account, rule);
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="h3">
          <Link to={`/runs/${run.id}`}>{name}</Link>
        </h2>
        <RunBadge status={run.status} />
      </div>
      <p>{runSummary(run)}</p>
      <p className="muted">
        {TRIGGER_WORDS[run.trigger]} · <When at={run.createdAt} />
      </p>
    </li>
  );
}

function runsPath(ruleId: string, status: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (ruleId !== '') params.set('ruleId', ruleId);
  if (status !== '') params.set('status', status);
  if (cursor !== null) params.set('cursor', cursor);
  return `/v1/runs?${params.toString()}`;
}
