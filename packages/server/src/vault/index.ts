export type { SecretVault } from './port.js';
export { VaultKeyError } from './vault-errors.js';
export { createEnvelopeVault } from './envelope-vault.js';
export { deriveSubkey } from './derive-subkey.js';
export {
  loadMasterKey,
  MASTER_KEY_ENV,
  type LoadMasterKeyOptions,
  type WarningLogger,
} from './master-key.js';
