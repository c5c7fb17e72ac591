import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app-context.js';
import { followRun } from '../api/run-events.js';
import { FINISHED_RUN_STATUSES, type Run } from '../api/types.js';
import { ErrorNotice } from '../components/feedback.js';
import { RunBadge } from '../components/status-badge.js';
import { Link } from '../router.js';
import { runSummary } from '../text/run-words.js';

/**
 * Journey 4: "Sync now" and its live status (queued → running → counts → done) from the run's
 * event stream, then the result in a sentence with a link to every item.
 */
export function SyncNow({
  ruleId,
  ruleName,
  disabled,
}: {
  ruleId: string;
  ruleName: string;
  disabled: boolean;
}) {
  const { api } = useServices();
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);

  const running = run !== null && !FINISHED_RUN_STATUSES.includes(run.status);
  const start = async () => {
    setError(null);
    stop.current?.abort();
    const controller = new AbortController();
    stop.current = controller;
    try {
      const { run: started } = await api.post<{ run: Run }>(`/v1/rules/${ruleId}/sync`);
      setRun(started);
      await followRun(api, started.id, setRun, controller.signal);
    } catch (caught) {
      if (!controller.signal.aborted) setError(caught);
    }
  };

  return (
    <div className="sync-now">
      <button
        type="button"
        className="button"
        disabled={disabled || running}
        aria-label={`Sync ${ruleName} now`}
        onClick={() => void start()}
      >
        {running ? 'Syncing…' : 'Sync now'}
      </button>
      <div aria-live="polite" className="sync-status">
        {run === null ? null : (
          <p>
            <RunBadge status={run.status} /> {runSummary(run)}{' '}
            {running ? null : <Link to={`/runs/${run.id}`}>See every item</Link>}
          </p>
        )}
      </div>
      {error === null ? null : <ErrorNotice error={error} />}
    </div>
  );
}
