import { z } from 'zod';
import { dataType } from '@syncwell/core';
import { CONFLICT_STRATEGIES, type RuleRow } from '../../store/port.js';

export const ruleView = z.object({
  id: z.string(),
  sourceConnectionId: z.string(),
  destinationConnectionId: z.string(),
  dataTypes: z.array(dataType),
  conflictStrategy: z.enum(CONFLICT_STRATEGIES),
  intervalMinutes: z.number().int(),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RuleView = z.infer<typeof ruleView>;

export function toRuleView(row: RuleRow): RuleView {
  return {
    id: row.id,
    sourceConnectionId: row.sourceConnectionId,
    destinationConnectionId: row.destinationConnectionId,
    dataTypes: [...row.dataTypes],
    conflictStrategy: row.conflictStrategy,
    intervalMinutes: row.intervalMinutes,
    enabled: row.enabled,
    nextRunAt: row.nextRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
