import type { DataType, SyncStatePort } from '@syncwell/core';
import type { RunClaim } from '../store/port.js';

/**
 * The store as the sync engine's state, with what claimRun already read answered from the
 * claim: the rule's cursors, and no resolved conflicts when it found none. Safe because the
 * worker holds the rule lock from before the claim, so nothing else moves the rule's cursors.
 * Everything else goes to the store.
 */
export function claimedState(store: SyncStatePort, claim: RunClaim): SyncStatePort {
  const state: SyncStatePort = {
    getCursor: (ruleId: string, dataType: DataType) =>
      ruleId === claim.run.ruleId
        ? Promise.resolve(claim.cursors.get(dataType) ?? null)
        : store.getCursor(ruleId, dataType),
    findLedger: (destinationConnectionId, identityKeys) =>
      store.findLedger(destinationConnectionId, identityKeys),
    findLedgerByTags: (tags) => store.findLedgerByTags(tags),
    recordIntents: (intents) => store.recordIntents(intents),
    listOpenIntents: (ruleId) => store.listOpenIntents(ruleId),
    commitPage: (commit) => store.commitPage(commit),
    recordConflicts: (conflicts) => store.recordConflicts(conflicts),
    listResolvedConflicts: (ruleId) =>
      ruleId === claim.run.ruleId && !claim.hasResolvedConflicts
        ? Promise.resolve([])
        : store.listResolvedConflicts(ruleId),
    markConflictsApplied: (ids) => store.markConflictsApplied(ids),
  };
  const find = store.findLedgerRecordingIntents?.bind(store);
  return find === undefined ? state : { ...state, findLedgerRecordingIntents: find };
}
