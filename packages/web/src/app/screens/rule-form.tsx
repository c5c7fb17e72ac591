import { useId, useState, type SyntheticEvent } from 'react';
import { useServices } from '../app-context.js';
import { ApiError } from '../api/api-error.js';
import { CONFLICT_STRATEGIES, type ConflictStrategy, type DataType, type Rule } from '../api/types.js';
import { loadAccount, providerName, ruleName, type Account } from '../catalogue.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { Link, navigate } from '../router.js';
import { activeConnections, canRead, canWrite, duplicateOf, typeOptions } from '../rule-options.js';
import { DATA_TYPE_LABELS } from '../text/data-types.js';
import { errorMessage } from '../text/error-messages.js';
import { SCHEDULE_CHOICES, STRATEGY_WORDS } from '../text/rule-words.js';
import { useResource } from '../use-resource.js';

/** Journey 3: create or edit a rule (source, destination, types, conflicts, schedule, on/off). */
export function RuleFormScreen({ ruleId }: { ruleId: string | null }) {
  const { api } = useServices();
  const [account] = useResource('account', () => loadAccount(api));
  const title = ruleId === null ? 'New rule' : 'Edit rule';
  if (account.state !== 'ready') {
    return (
      <Page title={title}>
        {account.state === 'loading' ? (
          <Loading what="your connections" />
        ) : (
          <ErrorNotice error={account.error} />
        )}
      </Page>
    );
  }
  const rule = ruleId === null ? null : (account.value.rules.find((r) => r.id === ruleId) ?? null);
  if (ruleId !== null && rule === null) {
    return (
      <Page title={title}>
        <p>
          This rule does not exist any more. <Link to="/rules">Back to your rules</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={title}>
      <RuleForm account={account.value} rule={rule} />
    </Page>
  );
}

function RuleForm({ account, rule }: { account: Account; rule: Rule | null }) {
  const { api } = useServices();
  const providerOf = (connectionId: string) => {
    const connection = account.connections.find((c) => c.id === connectionId);
    return account.providers.find((p) => p.id === connection?.provider);
  };
  const sources = activeConnections(account.connections).filter((c) => canRead(providerOf(c.id)));
  const [sourceId, setSourceId] = useState(rule?.sourceConnectionId ?? sources[0]?.id ?? '');
  const destinations = activeConnections(account.connections).filter(
    (c) => c.id !== sourceId && canWrite(providerOf(c.id)),
  );
  const [chosenDestination, setDestinationId] = useState(rule?.destinationConnectionId ?? '');
  const destinationId =
    rule?.destinationConnectionId ??
    (destinations.some((c) => c.id === chosenDestination) ? chosenDestination : (destinations[0]?.id ?? ''));
  const [types, setTypes] = useState<readonly DataType[]>(rule?.dataTypes ?? []);
  const [strategy, setStrategy] = useState<ConflictStrategy>(rule?.conflictStrategy ?? 'source_wins');
  const [interval, setIntervalMinutes] = useState(rule?.intervalMinutes ?? 60);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { source: useId(), destination: useId(), schedule: useId(), types: useId() };

  const source = providerOf(sourceId);
  const destination = providerOf(destinationId);
  const options = source && destination ? typeOptions(source, destination) : [];
  const possible = options.filter((o) => o.possible);
  const chosen = types.filter((t) => possible.some((o) => o.type === t));
  const duplicate = duplicateOf(
    account.rules,
    { sourceConnectionId: sourceId, destinationConnectionId: destinationId, dataTypes: chosen },
    rule?.id ?? null,
  );

  if (rule === null && (sources.length === 0 || destinations.length === 0)) {
    const accepting = account.providers.filter((p) => p.writable.length > 0).map((p) => p.displayName);
    return (
      <p>
        A rule needs two connections: one that shares data and one that accepts it
        {accepting.length === 0 ? '' : ` (${accepting.join(', ')})`}.{' '}
        <Link to="/connections">Connect them first</Link>.
      </p>
    );
  }

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    if (chosen.length === 0) {
      setProblem('Choose at least one kind of data to copy.');
      return;
    }
    setProblem(null);
    if (duplicate !== null) return;
    setBusy(true);
    try {
      const settings = { dataTypes: chosen, conflictStrategy: strategy, intervalMinutes: interval, enabled };
      if (rule === null) {
        await api.post('/v1/rules', {
          sourceConnectionId: sourceId,
          destinationConnectionId: destinationId,
          ...settings,
        });
      } else {
        await api.patch(`/v1/rules/${rule.id}`, settings);
      }
      navigate('/rules');
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const remove = async () => {
    if (rule === null || !window.confirm('Delete this rule? Nothing already copied is removed.')) return;
    setBusy(true);
    try {
      await api.delete(`/v1/rules/${rule.id}`);
      navigate('/rules');
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
      {error === null ? null : <ErrorNotice>{ruleErrorWords(error)}</ErrorNotice>}
      <div className="field">
        <label htmlFor={ids.source}>Copy from</label>
        <select
          id={ids.source}
          value={sourceId}
          disabled={rule !== null}
          onChange={(event) => setSourceId(event.target.value)}
        >
          {(rule === null ? sources : account.connections.filter((c) => c.id === sourceId)).map((c) => (
            <option key={c.id} value={c.id}>
              {providerName(account, c.provider)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.destination}>Copy to</label>
        <select
          id={ids.destination}
          value={destinationId}
          disabled={rule !== null}
          onChange={(event) => setDestinationId(event.target.value)}
        >
          {(rule === null ? destinations : account.connections.filter((c) => c.id === destinationId)).map(
            (c) => (
              <option key={c.id} value={c.id}>
                {providerName(account, c.provider)}
              </option>
            ),
          )}
        </select>
      </div>
      <fieldset className="field" aria-describedby={problem === null ? undefined : `${ids.types}-problem`}>
        <legend>What to copy</legend>
        {possible.length === 0 ? (
          <p className="muted">These two have no kind of data in common.</p>
        ) : (
          possible.map((option) => (
            <label key={option.type} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(option.type)}
                onChange={(event) =>
                  setTypes(
                    event.target.checked ? [...chosen, option.type] : chosen.filter((t) => t !== option.type),
                  )
                }
              />
              {DATA_TYPE_LABELS[option.type]}
            </label>
          ))
        )}
        {options.some((o) => !o.possible) ? (
          <div className="not-possible">
            <p className="hint">Not possible between these two:</p>
            <ul>
              {options
                .filter((o) => !o.possible)
                .map((o) => (
                  <li key={o.type} className="hint">
                    {o.reason}
                  </li>
                ))}
            </ul>
          </div>
        ) : null}
        {problem === null ? null : (
          <p className="field-error" id={`${ids.types}-problem`}>
            {problem}
          </p>
        )}
      </fieldset>
      {duplicate === null ? null : (
        <p className="field-error" role="alert">
          You already have a rule “{ruleName(account, duplicate)}” copying{' '}
          {duplicate.dataTypes
            .filter((t) => chosen.includes(t))
            .map((t) => DATA_TYPE_LABELS[t].toLowerCase())
            .join(', ')}
          . <Link to={`/rules/${duplicate.id}`}>Edit that rule</Link> instead, so nothing is copied twice.
        </p>
      )}
      <fieldset className="field">
        <legend>When both have a different record for the same time</legend>
        {CONFLICT_STRATEGIES.map((value) => (
          <label key={value} className="check check-with-help">
            <input
              type="radio"
              name="strategy"
              value={value}
              checked={strategy === value}
              onChange={() => setStrategy(value)}
            />
            <span>
              {STRATEGY_WORDS[value].label}
              <span className="hint"> {STRATEGY_WORDS[value].help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.schedule}>How often</label>
        <select
          id={ids.schedule}
          value={interval}
          onChange={(event) => setIntervalMinutes(Number(event.target.value))}
        >
          {SCHEDULE_CHOICES.map((choice) => (
            <option key={choice.minutes} value={choice.minutes}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        On: sync on this schedule (off: only when you press “Sync now”)
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {rule === null ? 'Create rule' : 'Save changes'}
        </button>
        <Link to="/rules" className="button-quiet">
          Cancel
        </Link>
        {rule === null ? null : (
          <button type="button" className="button-danger" disabled={busy} onClick={() => void remove()}>
            Delete rule
          </button>
        )}
      </div>
    </form>
  );
}

function ruleErrorWords(error: unknown): string {
  if (
    error instanceof ApiError &&
    error.code === 'SW_CONFLICT' &&
    error.details.reason === 'duplicate_rule'
  ) {
    return 'You already have a rule between these two connections copying the same data. Edit that rule instead.';
  }
  if (error instanceof ApiError && error.code === 'SW_RULE_INVALID') {
    return error.details.reason === 'same_connection'
      ? 'Copy from and copy to must be two different connections.'
      : 'One of these connections cannot send or accept some of the data chosen.';
  }
  return errorMessage(error);
}
