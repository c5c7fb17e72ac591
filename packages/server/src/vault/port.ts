/**
 * Seals secrets (OAuth tokens, PKCE verifiers) for storage. `aad` binds a sealed blob to the
 * row it belongs to (the connection id, the OAuth state), so a blob copied to another row does
 * not open. Output is printable text, safe for a text column.
 *
 * Deliberately absent: key rotation and storage. Sealed strings name their key id, so a
 * rotating adapter can be added without changing callers.
 *
 * @example
 *   const sealed = vault.seal(JSON.stringify(tokens), connectionId);
 *   const tokens = JSON.parse(vault.open(sealed, connectionId));
 */
export interface SecretVault {
  seal(plaintext: string, aad: string): string;
  /** Throws VaultKeyError (SW_VAULT_KEY_MISMATCH) when the key or the aad is wrong or the blob altered. */
  open(sealed: string, aad: string): string;
}
