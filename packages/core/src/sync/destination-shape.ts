import type { ProviderCapabilities } from '../provider/provider-facts.js';
import type { CanonicalRecord } from '../records/canonical-record.js';
import { splitMultisportWorkout } from '../records/multisport-split.js';

/**
 * The records a destination receives for one source record: the record itself, or, for a
 * multisport workout going to a destination that cannot hold one whole, one workout per leg.
 * Each leg has its own external id, so it has its own ledger row, write tag and item result.
 */
export function recordsForDestination(
  record: CanonicalRecord,
  destination: Pick<ProviderCapabilities, 'multisportWorkouts'>,
): CanonicalRecord[] {
  if (record.type !== 'workout' || record.legs === undefined) return [record];
  if ((destination.multisportWorkouts ?? 'per_leg') === 'whole') return [record];
  return splitMultisportWorkout(record);
}

/** Warnings as one item message: they name fields and counts only, never values (DESIGN §6.1). */
export function warningMessage(warnings: readonly string[] | undefined): string | undefined {
  return warnings === undefined || warnings.length === 0 ? undefined : warnings.join('; ');
}
