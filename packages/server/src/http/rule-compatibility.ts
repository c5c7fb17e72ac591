import {
  NotFoundError,
  SyncWellError,
  type DataType,
  type ProviderBundle,
  type ProviderId,
} from '@syncwell/core';
import type { ConnectionRow, MetadataStore } from '../store/port.js';

export class RuleInvalidError extends SyncWellError {
  constructor(message: string, details: Record<string, unknown>) {
    super('SW_RULE_INVALID', message, details);
  }
}

export interface RuleEnds {
  readonly source: ConnectionRow;
  readonly destination: ConnectionRow;
}

/**
 * Checks that a rule can work: both connections belong to the caller (another user's id is a
 * plain 404, DESIGN §6.4), they differ, and every data type is readable at the source and
 * writable at the destination according to the providers' facts.
 */
export async function checkRuleEnds(
  deps: { store: MetadataStore; providers: ReadonlyMap<ProviderId, ProviderBundle> },
  userId: string,
  rule: { sourceConnectionId: string; destinationConnectionId: string; dataTypes: readonly DataType[] },
): Promise<RuleEnds> {
  const source = await deps.store.getConnection(rule.sourceConnectionId, userId);
  if (source === null) throw new NotFoundError('connection', rule.sourceConnectionId);
  const destination = await deps.store.getConnection(rule.destinationConnectionId, userId);
  if (destination === null) throw new NotFoundError('connection', rule.destinationConnectionId);
  if (source.id === destination.id) {
    throw new RuleInvalidError('Source and destination must be different connections.', {
      reason: 'same_connection',
    });
  }
  const sourceFacts = deps.providers.get(source.provider)?.data.facts;
  const destinationFacts = deps.providers.get(destination.provider)?.data.facts;
  if (sourceFacts === undefined || destinationFacts === undefined) {
    const provider = sourceFacts === undefined ? source.provider : destination.provider;
    throw new RuleInvalidError('A provider of this rule is not configured on this server.', {
      reason: 'provider_not_configured',
      provider,
    });
  }
  const unreadable = rule.dataTypes.filter((type) => !sourceFacts.capabilities.readable.includes(type));
  const unwritable = rule.dataTypes.filter((type) => !destinationFacts.capabilities.writable.includes(type));
  if (unreadable.length > 0 || unwritable.length > 0) {
    throw new RuleInvalidError('These providers cannot sync every requested data type.', {
      reason: 'unsupported_data_types',
      sourceProvider: source.provider,
      destinationProvider: destination.provider,
      unreadable,
      unwritable,
    });
  }
  return { source, destination };
}
