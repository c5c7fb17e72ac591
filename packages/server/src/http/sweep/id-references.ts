import type { ResourceKind } from './tenant-fixture.js';

/**
 * The resource a body or query field names by its name (`sourceConnectionId`, `ruleId`, ...);
 * undefined for a field that names none. Used to hand one tenant's ids to another.
 */
export function resourceOfField(name: string): ResourceKind | undefined {
  const lower = name.toLowerCase();
  if (!lower.endsWith('id')) return undefined;
  if (lower.endsWith('connectionid')) return 'connection';
  if (lower.endsWith('ruleid')) return 'rule';
  if (lower.endsWith('runid')) return 'run';
  if (lower.endsWith('backfillid')) return 'backfill';
  if (lower.endsWith('conflictid')) return 'conflict';
  if (lower.endsWith('notificationid')) return 'notification';
  if (lower.endsWith('conversationid')) return 'conversation';
  return undefined;
}
