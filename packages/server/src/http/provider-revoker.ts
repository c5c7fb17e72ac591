import type { FastifyBaseLogger } from 'fastify';
import type { ProviderBundle, ProviderId } from '@syncwell/core';
import { openTokenSet } from '../auth/connection-tokens.js';
import type { ConnectionRow } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';

export interface RevokerDeps {
  readonly vault: SecretVault;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
}

/**
 * Revokes our grant at the provider, best effort: a user deleting a connection or an account
 * must not be blocked by a provider outage, a provider no longer configured, or tokens the
 * current master key cannot open. Failures are logged by code, never with token material.
 */
export async function revokeAtProvider(
  deps: RevokerDeps,
  connection: ConnectionRow,
  log: FastifyBaseLogger,
): Promise<void> {
  const bundle = deps.providers.get(connection.provider);
  if (bundle === undefined) {
    log.warn(
      { provider: connection.provider, connectionId: connection.id },
      'revoke skipped: provider not configured',
    );
    return;
  }
  try {
    const tokens = openTokenSet(deps.vault, connection.id, connection.tokensSealed);
    await bundle.oauth.revoke(tokens, connection.externalUserId);
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    log.warn(
      { provider: connection.provider, connectionId: connection.id, code },
      'revoke at provider failed',
    );
  }
}
