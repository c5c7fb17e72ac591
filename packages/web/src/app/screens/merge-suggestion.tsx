import type { FieldOrigin, MergeSuggestion } from '../api/types.js';
import { fieldLabel } from '../text/record-fields.js';

/**
 * The insights service's suggestion beside both versions ("ask me"): which side each field
 * should come from, how sure it is, and who made it (the conflict-merge model's version, or the
 * simple rules). Advice only: the person still chooses below.
 */
export function MergeSuggestionCard({
  suggestion,
  sourceName,
  destinationName,
  differing,
  suggestedBy,
}: {
  suggestion: MergeSuggestion;
  sourceName: string;
  destinationName: string;
  /** The keys of the values that differ between the versions (`distance`, `heartRate.average`). */
  differing: ReadonlySet<string>;
  /** `fallback`: the insights service did not answer in time, the server's rules did. */
  suggestedBy: 'service' | 'fallback' | null;
}) {
  const sideName = (origin: FieldOrigin) =>
    origin === 'source' ? sourceName : origin === 'destination' ? destinationName : 'both, joined';
  const verdict =
    suggestion.preferred === 'merge'
      ? `take some values from ${sourceName} and some from ${destinationName}`
      : `keep ${sideName(suggestion.preferred)}’s version`;
  const byOrigin = new Map<FieldOrigin, string[]>();
  // Where the two sides agree the choice does not matter: only the values that differ are listed.
  const differs = (field: string) =>
    [...differing].some((key) => key === field || key.startsWith(`${field}.`));
  for (const [field, origin] of Object.entries(suggestion.fields)) {
    if (!differs(field)) continue;
    byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), fieldLabel(field)]);
  }
  const model = suggestion.advisor !== 'rules';
  return (
    <section className="card suggestion" aria-labelledby="suggestion-title">
      <h2 id="suggestion-title">Suggestion</h2>
      <p>
        SyncWell suggests you <strong>{verdict}</strong> ({Math.round(suggestion.confidence * 100)} % sure).
      </p>
      {byOrigin.size === 0 ? null : <p>For the values that differ:</p>}
      <ul className="suggestion-fields">
        {[...byOrigin].map(([origin, fields]) => (
          <li key={origin}>
            From {sideName(origin)}: {fields.join(', ')}
          </li>
        ))}
      </ul>
      <p className="muted">
        {model ? (
          <>
            Suggested by the conflict-merge model <span className="code">{suggestion.advisor}</span>, trained
            on synthetic recordings only.
          </>
        ) : (
          `Suggested by simple completeness rules (${
            suggestedBy === 'fallback'
              ? 'the insights service did not answer in time'
              : 'the model does not cover this kind of record'
          }).`
        )}
      </p>
    </section>
  );
}
