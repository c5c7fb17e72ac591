/**
 * Where the vault's envelopes live, seen by key rotation (`syncwell rotate-key`): connection
 * tokens, PKCE verifiers of pending OAuth flows, and sealed server settings. Each kind is
 * listed in id order so a rotation can page through it and resume where it stopped.
 *
 * Deliberately absent: opening or sealing. The store moves opaque text; only the vault reads it.
 */
export const SEALED_SECRET_KINDS = ['connection_tokens', 'oauth_code_verifier', 'server_setting'] as const;
export type SealedSecretKind = (typeof SEALED_SECRET_KINDS)[number];

export interface SealedSecret {
  readonly kind: SealedSecretKind;
  /** The row's key, which is also the AAD the secret is sealed with (connection id, state, setting key). */
  readonly id: string;
  readonly sealed: string;
}

export interface SealedSecretStore {
  /** Up to `limit` secrets of `kind` whose id sorts after `afterId` (from the start when null), in id order. */
  listSealedSecrets(kind: SealedSecretKind, afterId: string | null, limit: number): Promise<SealedSecret[]>;
  /**
   * Replaces a sealed secret only while it still equals `expected`, so a token refreshed
   * meanwhile is never overwritten with an older one. False when it changed or is gone.
   */
  replaceSealedSecret(
    kind: SealedSecretKind,
    id: string,
    expected: string,
    replacement: string,
  ): Promise<boolean>;
}
