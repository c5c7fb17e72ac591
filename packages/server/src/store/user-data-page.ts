/** One page of a user's rows from one table, as stored (snake_case columns, epoch-ms times). */
export interface UserDataPage {
  readonly table: string;
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Columns never exported: credentials (password hash, sealed OAuth tokens and PKCE verifiers,
 * refresh-token hashes). The export says which it withheld.
 */
export const WITHHELD_COLUMNS: readonly string[] = [
  'password_hash',
  'tokens_sealed',
  'token_hash',
  'code_verifier_sealed',
  // A push target's address and keys deliver to the person's browser or phone: a credential.
  'address',
  'p256dh',
  'auth',
  // Only a hash is stored, but it still authenticates a paired phone.
  'credential_hash',
];
