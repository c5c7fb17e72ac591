import type { ErrorCode } from '../errors/error-codes.js';
import type { DataType } from '../records/canonical-record.js';

/** How a rule settles the same slot holding different values at source and destination (DESIGN §5). */
export const CONFLICT_STRATEGIES = [
  'source_wins',
  'destination_wins',
  'newest',
  'keep_both',
  'ask',
  'ai_suggestion',
] as const;
export type ConflictStrategy = (typeof CONFLICT_STRATEGIES)[number];

/**
 * `open`: waiting for the user; `resolved`: the user chose, the next run of the rule applies it;
 * `applied`: done, kept as history.
 */
export const CONFLICT_STATUSES = ['open', 'resolved', 'applied'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** The user's answer: write the source's record, keep the destination's, or keep both. */
export const CONFLICT_CHOICES = ['source', 'destination', 'both'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];

/**
 * A conflict as stored: which rule, type, time slot and records, never their values (DESIGN §5,
 * §6.1). The app shows values by fetching both sides live from the providers.
 */
export interface ConflictDescriptor {
  readonly id: string;
  readonly ruleId: string;
  readonly dataType: DataType;
  /** The slot in UTC: a workout's start..end, a local day as an instant range. */
  readonly range: { readonly from: Date; readonly to: Date };
  /** The source platform's id of its record. */
  readonly sourceExternalId: string;
  /** The destination platform's id of the record it already holds. */
  readonly destinationId: string;
  /** Why the engine did not settle it itself (SW_ITEM_CONFLICT_PENDING or _NOT_OVERWRITABLE). */
  readonly code: ErrorCode;
  readonly status: ConflictStatus;
  readonly resolution: ConflictChoice | null;
  readonly detectedAt: Date;
  readonly resolvedAt: Date | null;
  readonly appliedAt: Date | null;
}

/** What the engine records when it detects a conflict it may not settle alone. */
export type NewConflict = Pick<
  ConflictDescriptor,
  'ruleId' | 'dataType' | 'range' | 'sourceExternalId' | 'destinationId' | 'code'
>;
