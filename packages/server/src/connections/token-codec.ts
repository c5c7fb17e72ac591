import { z } from 'zod';
import type { TokenSet } from '@syncwell/core';

/** The plaintext the vault seals for a connection: a TokenSet as JSON (never logged, never stored bare). */
const storedTokens = z.strictObject({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).nullable(),
  expiresAt: z.iso.datetime().nullable(),
  scopes: z.array(z.string()),
});

export function serializeTokens(tokens: TokenSet): string {
  return JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt?.toISOString() ?? null,
    scopes: [...tokens.scopes],
  });
}

export function parseTokens(plaintext: string): TokenSet {
  const parsed = storedTokens.parse(JSON.parse(plaintext));
  return { ...parsed, expiresAt: parsed.expiresAt === null ? null : new Date(parsed.expiresAt) };
}
