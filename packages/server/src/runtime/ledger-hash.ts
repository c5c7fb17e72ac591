import { createHmac } from 'node:crypto';
import type { KeyedHash } from '@syncwell/core';

/** HMAC-SHA256 with the server's ledger secret (DESIGN §5: keyed, never a plain hash). */
export function createLedgerHash(secret: Uint8Array): KeyedHash {
  return (input) => createHmac('sha256', secret).update(input).digest('hex');
}
