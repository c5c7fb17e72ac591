import { useState } from 'react';
import { useServices } from '../app-context.js';
import type { ConflictChoice, ConflictVersion, ConflictWithVersions } from '../api/types.js';
import { loadAccount, providerName, type Account } from '../catalogue.js';
import { ErrorNotice, InfoNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';
import { DATA_TYPE_LABELS } from '../text/data-types.js';
import { reasonWords } from '../text/reason-codes.js';
import { fieldLabel, fieldValue } from '../text/record-fields.js';
import { useResource } from '../use-resource.js';
import { CONFLICT_STATUS_WORDS } from './conflicts.js';
import { MergeSuggestionCard } from './merge-suggestion.js';

/**
 * Both versions side by side. The values come from the two providers, read live by the server
 * for this request only: neither the server nor this page keeps them.
 */
export function ConflictScreen({ conflictId }: { conflictId: string }) {
  const { api } = useServices();
  const [account] = useResource('account', () => loadAccount(api));
  const [loaded, reload] = useResource(`conflict|${conflictId}`, () =>
    api
      .get<{ conflict: ConflictWithVersions }>(`/v1/conflicts/${encodeURIComponent(conflictId)}`)
      .then((r) => r.conflict),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (loaded.state !== 'ready' || account.state !== 'ready') {
    return (
      <Page title="Conflict">
        {loaded.state === 'failed' ? <ErrorNotice error={loaded.error} /> : <Loading what="both versions" />}
      </Page>
    );
  }
  const conflict = loaded.value;
  const rule = account.value.rules.find((r) => r.id === conflict.ruleId);
  const sourceName = versionName(account.value, conflict.versions?.source);
  const destinationName = versionName(account.value, conflict.versions?.destination);
  const resolve = async (choice: ConflictChoice) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/v1/conflicts/${conflict.id}/resolve`, { choice });
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const choices: readonly { choice: ConflictChoice; label: string }[] = [
    { choice: 'source', label: `Keep ${sourceName}’s version` },
    { choice: 'destination', label: `Keep ${destinationName}’s version` },
    { choice: 'both', label: 'Keep both' },
  ];
  return (
    <Page title={`${DATA_TYPE_LABELS[conflict.dataType]}: which version?`}>
      <p className="lead">
        {sourceName} and {destinationName} each hold a record for this time, and they differ. The values below
        were read from both just now; SyncWell keeps none of them.
      </p>
      {conflict.status === 'open' ? null : (
        <InfoNotice>
          {CONFLICT_STATUS_WORDS[conflict.status]}
          {conflict.resolution === null
            ? ''
            : ` (${choices.find((c) => c.choice === conflict.resolution)?.label.toLowerCase() ?? ''})`}
          .
        </InfoNotice>
      )}
      {error === null ? null : <ErrorNotice error={error} />}
      {conflict.versions == null ? (
        <p className="muted">The versions cannot be shown because a connection of this rule was removed.</p>
      ) : (
        <Comparison
          source={conflict.versions.source}
          destination={conflict.versions.destination}
          account={account.value}
        />
      )}
      {conflict.versions?.suggestion == null || conflict.status !== 'open' ? null : (
        <MergeSuggestionCard
          suggestion={conflict.versions.suggestion}
          sourceName={sourceName}
          destinationName={destinationName}
          differing={differingKeys(conflict.versions.source, conflict.versions.destination)}
          suggestedBy={conflict.versions.suggestedBy}
        />
      )}
      {conflict.status === 'applied' || rule === undefined ? null : (
        <div className="form-actions" role="group" aria-label="Choose a version">
          {choices.map(({ choice, label }) => (
            <button
              key={choice}
              type="button"
              className={conflict.resolution === choice ? 'button' : 'button-quiet'}
              aria-pressed={conflict.resolution === choice}
              disabled={busy}
              onClick={() => void resolve(choice)}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      <p>
        <Link to="/conflicts">All conflicts</Link>
      </p>
    </Page>
  );
}

/** The keys whose values differ between the two versions as shown (a missing value differs too). */
function differingKeys(source: ConflictVersion, destination: ConflictVersion): ReadonlySet<string> {
  const keys = new Set([...source.fields, ...destination.fields].map((f) => f.key));
  return new Set([...keys].filter((key) => shownValue(source, key) !== shownValue(destination, key)));
}

/** A value as the table shows it; a dash when the side lacks it or could not be read. */
function shownValue(version: ConflictVersion, key: string): string {
  if (version.unavailableCode !== null) return '—';
  const field = version.fields.find((f) => f.key === key);
  return field === undefined ? '—' : fieldValue(field);
}

function versionName(account: Account, version: ConflictVersion | undefined): string {
  return version === undefined ? 'the other side' : providerName(account, version.provider);
}

function Comparison({
  source,
  destination,
  account,
}: {
  source: ConflictVersion;
  destination: ConflictVersion;
  account: Account;
}) {
  const keys = [...new Set([...source.fields, ...destination.fields].map((f) => f.key))];
  const shown = shownValue;
  // Times as <time>: screenshot tests mask them (the simulators' data follows the real clock).
  const cell = (version: ConflictVersion, key: string, text: string) => {
    const field = version.fields.find((f) => f.key === key);
    return field?.unit === 'instant' && typeof field.value === 'string' ? (
      <time dateTime={field.value}>{text}</time>
    ) : (
      text
    );
  };
  return (
    <div className="table-scroll">
      <table className="comparison">
        <caption className="visually-hidden">Both versions, read just now from each provider</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">{providerName(account, source.provider)}</th>
            <th scope="col">{providerName(account, destination.provider)}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const left = shown(source, key);
            const right = shown(destination, key);
            const differs = left !== right;
            return (
              <tr key={key} className={differs ? 'differs' : undefined}>
                <th scope="row">
                  {fieldLabel(key)}
                  {differs ? <span className="differs-mark"> (differs)</span> : null}
                </th>
                <td>{cell(source, key, left)}</td>
                <td>{cell(destination, key, right)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {[source, destination]
        .filter((v) => v.unavailableCode !== null)
        .map((v) => (
          <p key={v.provider} className="muted">
            {providerName(account, v.provider)}: {reasonWords(v.unavailableCode ?? '').help}
          </p>
        ))}
    </div>
  );
}
