import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import type { DataType } from '../records/canonical-record.js';
import type { ConflictChoice, ConflictDescriptor, NewConflict } from '../conflicts/conflict-descriptor.js';
import type { LedgerEntry, PageCommit, RunItemResult, SyncStatePort, WriteIntent } from './sync-state.js';

/**
 * SyncStatePort held in memory: for the phone's local engine and for engine tests. Commits are
 * atomic because they are synchronous between awaits.
 */
export class MemorySyncState implements SyncStatePort {
  readonly cursors = new Map<string, string>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly items: RunItemResult[] = [];
  readonly conflicts = new Map<string, ConflictDescriptor>();
  private readonly fences = new Map<string, number>();

  /** `clock` stamps when a conflict was detected, applied or resolved. */
  constructor(private readonly clock: Clock = systemClock) {}

  getCursor(ruleId: string, dataType: DataType): Promise<string | null> {
    return Promise.resolve(this.cursors.get(`${ruleId}|${dataType}`) ?? null);
  }

  findLedger(
    destinationConnectionId: string,
    identityKeys: readonly string[],
  ): Promise<Map<string, LedgerEntry>> {
    const found = new Map<string, LedgerEntry>();
    for (const key of identityKeys) {
      const entry = this.ledger.get(`${destinationConnectionId}|${key}`);
      if (entry) found.set(key, entry);
    }
    return Promise.resolve(found);
  }

  findLedgerByTags(tags: readonly string[]): Promise<Map<string, LedgerEntry>> {
    const wanted = new Set(tags);
    const found = new Map<string, LedgerEntry>();
    for (const entry of this.ledger.values()) if (wanted.has(entry.tag)) found.set(entry.tag, entry);
    return Promise.resolve(found);
  }

  recordIntents(intents: readonly WriteIntent[]): Promise<void> {
    for (const intent of intents) {
      const key = `${intent.destinationConnectionId}|${intent.identityKey}`;
      if (!this.ledger.has(key)) this.ledger.set(key, { ...intent, status: 'intent', destinationId: null });
    }
    return Promise.resolve();
  }

  async findLedgerRecordingIntents(
    destinationConnectionId: string,
    intents: readonly WriteIntent[],
  ): Promise<Map<string, LedgerEntry>> {
    const found = await this.findLedger(
      destinationConnectionId,
      intents.map((intent) => intent.identityKey),
    );
    await this.recordIntents(intents.filter((intent) => !found.has(intent.identityKey)));
    return found;
  }

  listOpenIntents(ruleId: string): Promise<LedgerEntry[]> {
    return Promise.resolve(
      [...this.ledger.values()].filter((e) => e.ruleId === ruleId && e.status === 'intent'),
    );
  }

  commitPage(commit: PageCommit): Promise<boolean> {
    if (commit.fencingToken !== undefined) {
      const latest = this.fences.get(commit.ruleId) ?? 0;
      if (commit.fencingToken < latest) return Promise.resolve(false);
      this.fences.set(commit.ruleId, commit.fencingToken);
    }
    for (const d of commit.done) {
      const key = `${d.destinationConnectionId}|${d.identityKey}`;
      const entry = this.ledger.get(key);
      if (entry) this.ledger.set(key, { ...entry, status: 'done', destinationId: d.destinationId });
    }
    this.items.push(...commit.items);
    if (commit.cursor !== null) this.cursors.set(`${commit.ruleId}|${commit.dataType}`, commit.cursor);
    return Promise.resolve(true);
  }

  recordConflicts(conflicts: readonly NewConflict[]): Promise<void> {
    for (const conflict of conflicts) {
      const pending = [...this.conflicts.values()].some(
        (c) =>
          c.status !== 'applied' &&
          c.ruleId === conflict.ruleId &&
          c.dataType === conflict.dataType &&
          c.sourceExternalId === conflict.sourceExternalId,
      );
      if (pending) continue;
      const id = `conflict-${this.conflicts.size + 1}`;
      this.conflicts.set(id, {
        ...conflict,
        id,
        status: 'open',
        resolution: null,
        detectedAt: this.clock.now(),
        resolvedAt: null,
        appliedAt: null,
      });
    }
    return Promise.resolve();
  }

  listResolvedConflicts(ruleId: string): Promise<ConflictDescriptor[]> {
    return Promise.resolve(
      [...this.conflicts.values()].filter((c) => c.ruleId === ruleId && c.status === 'resolved'),
    );
  }

  markConflictsApplied(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const conflict = this.conflicts.get(id);
      if (conflict?.status === 'resolved') {
        this.conflicts.set(id, { ...conflict, status: 'applied', appliedAt: this.clock.now() });
      }
    }
    return Promise.resolve();
  }

  /** What the API does for the user (the phone's engine has its own UI); false once applied. */
  resolveConflict(id: string, choice: ConflictChoice): boolean {
    const conflict = this.conflicts.get(id);
    if (conflict === undefined || conflict.status === 'applied') return false;
    this.conflicts.set(id, {
      ...conflict,
      status: 'resolved',
      resolution: choice,
      resolvedAt: this.clock.now(),
    });
    return true;
  }
}
