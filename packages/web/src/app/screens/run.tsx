import { useEffect, useId, useState } from 'react';
import { useServices } from '../app-context.js';
import { followRun } from '../api/run-events.js';
import { FINISHED_RUN_STATUSES, type RunItem, type RunWithItems } from '../api/types.js';
import { loadAccount, ruleName } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { RunBadge } from '../components/status-badge.js';
import { When } from '../components/when.js';
import { Link } from '../router.js';
import { DATA_TYPE_LABELS } from '../text/data-types.js';
import { reasonWords } from '../text/reason-codes.js';
import { runSummary } from '../text/run-words.js';
import { useResource } from '../use-resource.js';

const OUTCOME_WORDS: Readonly<Record<RunItem['outcome'], string>> = {
  written: 'Copied',
  skipped: 'Not needed',
  failed: 'Could not copy',
};

/** One run: live while it runs, then every item with its reason in words. */
export function RunScreen({ runId }: { runId: string }) {
  const { api } = useServices();
  const [account] = useResource('account', () => loadAccount(api));
  const [loaded, reload] = useResource(`run|${runId}`, () =>
    api.get<{ run: RunWithItems }>(`/v1/runs/${encodeURIComponent(runId)}`).then((r) => r.run),
  );
  const [live, setLive] = useState<RunWithItems | null>(null);
  const [outcome, setOutcome] = useState<'' | RunItem['outcome']>('');
  const filterId = useId();

  const run = live ?? (loaded.state === 'ready' ? loaded.value : null);
  const running = run !== null && !FINISHED_RUN_STATUSES.includes(run.status);
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    void followRun(
      api,
      runId,
      (next) => setLive((prev) => ({ ...(prev ?? { items: [] }), ...next })),
      controller.signal,
    ).then(() => !controller.signal.aborted && reload());
    return () => controller.abort();
  }, [api, runId, running, reload]);

  if (run === null) {
    return (
      <Page title="Run">
        {loaded.state === 'failed' ? <ErrorNotice error={loaded.error} /> : <Loading what="the run" />}
      </Page>
    );
  }
  const rule = account.state === 'ready' ? account.value.rules.find((r) => r.id === run.ruleId) : undefined;
  const items = run.items.filter((item) => outcome === '' || item.outcome === outcome);
  return (
    <Page title={rule === undefined || account.state !== 'ready' ? 'Run' : ruleName(account.value, rule)}>
      <div className="card" aria-live="polite">
        <p>
          <RunBadge status={run.status} /> {runSummary(run, run.items)}
        </p>
        <p className="muted">
          <When at={run.createdAt} prefix="Started" />
          {run.finishedAt === null ? null : (
            <>
              {' · '}
              <When at={run.finishedAt} prefix="finished" />
            </>
          )}
        </p>
        {run.errorCode === null ? null : <p>{reasonWords(run.errorCode).help}</p>}
      </div>
      {running ? null : (
        <section aria-labelledby="items">
          <div className="page-head">
            <h2 id="items">Items</h2>
            <div className="field field-inline">
              <label htmlFor={filterId}>Show</label>
              <select
                id={filterId}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value as '' | RunItem['outcome'])}
              >
                <option value="">All items</option>
                {Object.entries(OUTCOME_WORDS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {items.length === 0 ? <p className="muted">No items to show.</p> : null}
          <ul className="items">
            {items.map((item) => {
              const words = reasonWords(item.code);
              return (
                <li key={`${item.dataType}|${item.externalId}`} className={`item item-${item.outcome}`}>
                  <p className="item-title">
                    <strong>{words.title}</strong> · {DATA_TYPE_LABELS[item.dataType]}
                  </p>
                  <p>{words.help}</p>
                  <p className="muted code">{item.code}</p>
                  {item.code.startsWith('SW_ITEM_CONFLICT_PENDING') ||
                  item.code === 'SW_ITEM_CONFLICT_NOT_OVERWRITABLE' ? (
                    <Link to="/conflicts">Choose which version to keep</Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <p>
        <Link to="/runs">All activity</Link>
      </p>
    </Page>
  );
}
