import type { MetadataStore } from '../store/port.js';
import type { SecretVault } from './port.js';
import { VaultKeyError } from './vault-errors.js';

/** The setting whose sealed constant proves the key; rotation re-seals it last, so it marks the end. */
export const VAULT_CHECK_SETTING = 'vault_check';
const CHECK_KEY = VAULT_CHECK_SETTING;
const CHECK_PLAINTEXT = 'syncwell vault check v1';

/**
 * Proves the configured master key is the one this database's secrets were sealed with, before
 * anything else runs. The first boot stores a sealed constant; every later boot must open it.
 * A wrong key would otherwise surface later as every connection "needing re-auth" and, worse,
 * new tokens sealed under a second key beside the old ones. Returns the stored check (its key id
 * says which key set this database up, and whether a rotation is unfinished).
 */
export async function verifyMasterKey(store: MetadataStore, vault: SecretVault): Promise<string> {
  const stored = await store.claimServerSetting(CHECK_KEY, vault.seal(CHECK_PLAINTEXT, CHECK_KEY));
  let opened: string | undefined;
  try {
    opened = vault.open(stored, CHECK_KEY);
  } catch {
    opened = undefined;
  }
  if (opened !== CHECK_PLAINTEXT) {
    throw new VaultKeyError(
      'The master key (SYNCWELL_MASTER_KEY, or master.key in the data directory) is not the one this database was set up with; refusing to start',
    );
  }
  return stored;
}
