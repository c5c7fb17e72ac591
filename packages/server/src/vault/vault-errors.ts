import { SyncWellError } from '@syncwell/core';

/**
 * A sealed secret would not open: another master key, another row (AAD), or altered bytes.
 * GCM cannot tell these apart, and we would not say which to a caller anyway.
 */
export class VaultKeyError extends SyncWellError {
  constructor(message = 'The master key cannot open this sealed secret', details?: Record<string, unknown>) {
    super('SW_VAULT_KEY_MISMATCH', message, details);
  }
}
