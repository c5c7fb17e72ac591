import { DATA_TYPES, type Connection, type DataType, type ProviderEntry, type Rule } from './api/types.js';
import { DATA_TYPE_LABELS } from './text/data-types.js';

export interface TypeOption {
  readonly type: DataType;
  readonly possible: boolean;
  /** Why not, in words, when it is not possible. */
  readonly reason: string | null;
}

/**
 * Which data types a rule between two providers can carry: read at the source and written at
 * the destination (the server checks the same, SW_RULE_INVALID). The others come with a reason.
 */
export function typeOptions(source: ProviderEntry, destination: ProviderEntry): TypeOption[] {
  return DATA_TYPES.filter(
    (type) => source.readable.includes(type) || destination.writable.includes(type),
  ).map((type) => {
    const reads = source.readable.includes(type);
    const writes = destination.writable.includes(type);
    const label = DATA_TYPE_LABELS[type].toLowerCase();
    const reason = reads
      ? writes
        ? null
        : `${destination.displayName} does not accept ${label}.`
      : `${source.displayName} does not share ${label}.`;
    return { type, possible: reads && writes, reason };
  });
}

export function canRead(provider: ProviderEntry | undefined): boolean {
  return provider !== undefined && provider.readable.length > 0;
}

export function canWrite(provider: ProviderEntry | undefined): boolean {
  return provider !== undefined && provider.writable.length > 0;
}

/**
 * Another rule between the same two connections that already carries one of these types: the
 * same data would be copied twice over, so the app (and the server, SW_CONFLICT) refuses it.
 */
export function duplicateOf(
  rules: readonly Rule[],
  candidate: { sourceConnectionId: string; destinationConnectionId: string; dataTypes: readonly DataType[] },
  exceptRuleId: string | null,
): Rule | null {
  return (
    rules.find(
      (rule) =>
        rule.id !== exceptRuleId &&
        rule.sourceConnectionId === candidate.sourceConnectionId &&
        rule.destinationConnectionId === candidate.destinationConnectionId &&
        rule.dataTypes.some((type) => candidate.dataTypes.includes(type)),
    ) ?? null
  );
}

export function activeConnections(connections: readonly Connection[]): Connection[] {
  return connections.filter((c) => c.status === 'active');
}
