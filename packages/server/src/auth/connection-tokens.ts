import { z } from 'zod';
import type { TokenSet } from '@syncwell/core';
import type { SecretVault } from '../vault/port.js';

/**
 * The one plaintext format of a connection's `tokensSealed`. The API seals at connect time and
 * the worker opens and reseals on refresh, so both must use these two functions.
 * The AAD is the connection id: a sealed blob copied onto another row will not open.
 *
 * @example
 *   const sealed = sealTokenSet(vault, connection.id, grant.tokens);
 *   const tokens = openTokenSet(vault, connection.id, connection.tokensSealed);
 */
const storedTokens = z.strictObject({
  v: z.literal(1),
  accessToken: z.string(),
  refreshToken: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  scopes: z.array(z.string()),
});

export function sealTokenSet(vault: SecretVault, connectionId: string, tokens: TokenSet): string {
  const plaintext: z.infer<typeof storedTokens> = {
    v: 1,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt?.toISOString() ?? null,
    scopes: [...tokens.scopes],
  };
  return vault.seal(JSON.stringify(plaintext), connectionId);
}

/** Throws the vault's error on a wrong key or AAD; a readable blob of another shape throws ZodError. */
export function openTokenSet(vault: SecretVault, connectionId: string, sealed: string): TokenSet {
  const parsed = storedTokens.parse(JSON.parse(vault.open(sealed, connectionId)));
  return {
    accessToken: parsed.accessToken,
    refreshToken: parsed.refreshToken,
    expiresAt: parsed.expiresAt === null ? null : new Date(parsed.expiresAt),
    scopes: parsed.scopes,
  };
}
