import { useEffect, useId, useState } from 'react';
import { useServices } from '../app-context.js';
import type { ApiClient } from '../api/api-client.js';
import { FINISHED_BACKFILL_STATUSES, type Backfill, type Rule, type Run } from '../api/types.js';
import { loadAccount, ruleName, type Account } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { When } from '../components/when.js';
import { Link } from '../router.js';
import {
  backfillSentence,
  DEFAULT_WINDOW_DAYS,
  windowChoices,
  windowSentence,
} from '../text/backfill-words.js';
import { dataTypeList } from '../text/data-types.js';
import { useResource } from '../use-resource.js';

/** How often the progress is asked for while an import runs. */
const POLL_MS = 1_000;
const DAY_MS = 86_400_000;

/** The rule's latest import, found through its newest chunk run; null when it never had one. */
async function latestBackfill(api: ApiClient, ruleId: string): Promise<Backfill | null> {
  const { runs } = await api.get<{ runs: Run[] }>(
    `/v1/runs?ruleId=${encodeURIComponent(ruleId)}&kind=backfill_chunk&limit=1`,
  );
  const id = runs[0]?.backfillId;
  return id == null ? null : api.get<Backfill>(`/v1/backfills/${encodeURIComponent(id)}`);
}

/**
 * Journey 5: import history. Choose how far back (within the source's history window), start,
 * follow the days and records as they are read, pause (the rule is switched off) and resume,
 * cancel, and read how it ended.
 */
export function BackfillScreen({ ruleId }: { ruleId: string }) {
  const { api } = useServices();
  const [account, reloadAccount] = useResource('account', () => loadAccount(api));
  const [loaded] = useResource(`backfill|${ruleId}`, () => latestBackfill(api, ruleId));
  const [current, setCurrent] = useState<Backfill | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const backfill = current ?? (loaded.state === 'ready' ? loaded.value : null);
  const active = backfill !== null && !FINISHED_BACKFILL_STATUSES.includes(backfill.status);

  // Poll while it runs: the progress lives on the server, counted from the chunk runs.
  useEffect(() => {
    if (backfill?.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get<Backfill>(`/v1/backfills/${encodeURIComponent(backfill.id)}`).then(setCurrent, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, backfill]);

  if (account.state !== 'ready' || loaded.state === 'loading') {
    return (
      <Page title="Import history">
        {account.state === 'failed' ? <ErrorNotice error={account.error} /> : <Loading what="the rule" />}
      </Page>
    );
  }
  const rule = account.value.rules.find((r) => r.id === ruleId);
  if (rule === undefined) {
    return (
      <Page title="Import history">
        <ErrorNotice>This rule does not exist any more.</ErrorNotice>
        <Link to="/rules">All rules</Link>
      </Page>
    );
  }

  const act = async (step: () => Promise<Backfill | null>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await step();
      if (next !== null) setCurrent(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const setRuleEnabled = (enabled: boolean) =>
    act(async () => {
      await api.patch(`/v1/rules/${rule.id}`, { enabled });
      reloadAccount();
      return backfill === null ? null : api.get<Backfill>(`/v1/backfills/${backfill.id}`);
    });

  return (
    <Page title={`Import history: ${ruleName(account.value, rule)}`}>
      <p className="lead">
        Copies {dataTypeList(rule.dataTypes).toLowerCase()} you recorded before this rule existed, oldest
        last. Records already at the destination are not copied twice.
      </p>
      {error === null ? null : <ErrorNotice error={error} />}
      {backfill === null ? null : (
        <Progress
          backfill={backfill}
          busy={busy}
          onPause={() => void setRuleEnabled(false)}
          onResume={() => void setRuleEnabled(true)}
          onCancel={() =>
            void act(async () => {
              const { backfill: cancelled } = await api.post<{ backfill: Backfill }>(
                `/v1/backfills/${backfill.id}/cancel`,
              );
              return cancelled;
            })
          }
        />
      )}
      {active ? null : (
        <StartForm
          account={account.value}
          rule={rule}
          again={backfill !== null}
          busy={busy}
          onStart={(days) =>
            void act(async () => {
              const from = new Date(Date.now() - days * DAY_MS).toISOString();
              const { backfill: started } = await api.post<{ backfill: Backfill }>(
                `/v1/rules/${rule.id}/backfill`,
                { from },
              );
              return started;
            })
          }
        />
      )}
      <p>
        <Link to="/rules">All rules</Link>
      </p>
    </Page>
  );
}

function StartForm({
  account,
  rule,
  again,
  busy,
  onStart,
}: {
  account: Account;
  rule: Rule;
  again: boolean;
  busy: boolean;
  onStart: (days: number) => void;
}) {
  const source = account.connections.find((c) => c.id === rule.sourceConnectionId);
  const provider = account.providers.find((p) => p.id === source?.provider);
  const choices = windowChoices(provider?.backfillWindowDays ?? null);
  const [days, setDays] = useState(choices.find((c) => c.days === 30)?.days ?? choices[0]?.days ?? 30);
  const hintId = useId();
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        onStart(days);
      }}
    >
      <fieldset className="field" aria-describedby={hintId}>
        <legend>How far back</legend>
        <p className="hint" id={hintId}>
          {provider === undefined
            ? `SyncWell imports up to ${DEFAULT_WINDOW_DAYS} days.`
            : windowSentence(provider)}
        </p>
        {choices.map((choice) => (
          <label key={choice.days} className="check">
            <input
              type="radio"
              name="window"
              value={choice.days}
              checked={days === choice.days}
              onChange={() => setDays(choice.days)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {rule.enabled ? null : (
        <p className="hint">The rule is switched off: the import waits, paused, until you resume it.</p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {again ? 'Start another import' : 'Start import'}
        </button>
      </div>
    </form>
  );
}

function Progress({
  backfill,
  busy,
  onPause,
  onResume,
  onCancel,
}: {
  backfill: Backfill;
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const labelId = useId();
  const finished = FINISHED_BACKFILL_STATUSES.includes(backfill.status);
  const { days } = backfill;
  return (
    <section className="card backfill" aria-labelledby={labelId}>
      <h2 id={labelId}>{finished ? 'Last import' : 'Importing'}</h2>
      <progress
        className="backfill-bar"
        max={Math.max(days.total, 1)}
        value={days.done}
        aria-labelledby={labelId}
        aria-valuetext={`${days.done} of ${days.total} days`}
      />
      <p aria-live="polite" className="backfill-words">
        {backfillSentence(backfill)}
      </p>
      <p className="muted">
        <When at={backfill.effective.from} prefix="From" /> · <When at={backfill.effective.to} prefix="to" />
        {backfill.finishedAt === null ? null : (
          <>
            {' · '}
            <When at={backfill.finishedAt} prefix="ended" />
          </>
        )}
      </p>
      {finished ? null : (
        <div className="form-actions">
          {backfill.status === 'paused' ? (
            <button type="button" className="button" disabled={busy} onClick={onResume}>
              Resume
            </button>
          ) : (
            <button type="button" className="button-quiet" disabled={busy} onClick={onPause}>
              Pause
            </button>
          )}
          <button type="button" className="button-quiet" disabled={busy} onClick={onCancel}>
            Cancel import
          </button>
        </div>
      )}
      {finished || backfill.status === 'paused' ? null : (
        <p className="hint">
          Pausing switches the rule off, so its scheduled syncs wait too until you resume.
        </p>
      )}
    </section>
  );
}
