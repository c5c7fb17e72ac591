import { SyncWellError, type DataType } from '@syncwell/core';
import type { MetadataStore } from '../store/port.js';

export class RuleDuplicateError extends SyncWellError {
  constructor(existingRuleId: string) {
    super('SW_RULE_DUPLICATE', undefined, { ruleId: existingRuleId });
  }
}

export interface RuleShape {
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
}

/**
 * Refuses a rule that would move the same data types (in any order) between the same two
 * connections as another rule of the user: both would read the same records and race for the
 * same destination slots, and two strategies could settle one conflict two ways. `exceptRuleId`
 * is the rule being changed (PATCH), which may of course equal itself.
 */
export async function refuseDuplicateRule(
  store: MetadataStore,
  userId: string,
  candidate: RuleShape,
  exceptRuleId?: string,
): Promise<void> {
  const wanted = [...candidate.dataTypes].sort().join(',');
  for (const rule of await store.listRulesByUser(userId)) {
    if (
      rule.id !== exceptRuleId &&
      rule.sourceConnectionId === candidate.sourceConnectionId &&
      rule.destinationConnectionId === candidate.destinationConnectionId &&
      [...rule.dataTypes].sort().join(',') === wanted
    ) {
      throw new RuleDuplicateError(rule.id);
    }
  }
}
