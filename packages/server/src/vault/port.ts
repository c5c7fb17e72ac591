/**
 * Seals secrets (OAuth tokens, PKCE verifiers) for storage. `aad` binds a sealed blob to the
 * row it belongs to (the connection id, the OAuth state), so a blob copied to another row does
 * not open. Output is printable text, safe for a text column.
 *
 * Deliberately absent: storage. Sealed strings name their key id: a vault seals under its
 * current key and opens under any key it was given (the previous ones while `syncwell
 * rotate-key` re-seals), so rotation changes no caller.
 *
 * @example
 *   const sealed = vault.seal(JSON.stringify(tokens), connectionId);
 *   const tokens = JSON.parse(vault.open(sealed, connectionId));
 */
export interface SecretVault {
  seal(plaintext: string, aad: string): string;
  /** Throws VaultKeyError (SW_VAULT_KEY_MISMATCH) when the key or the aad is wrong or the blob altered. */
  open(sealed: string, aad: string): string;
  /** True when `sealed` is under the key new secrets are sealed with; rotation re-seals the rest. */
  isCurrent(sealed: string): boolean;
}
