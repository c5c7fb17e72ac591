import type { MetadataStore } from '../store/port.js';
import { deriveSubkey } from './derive-subkey.js';
import { masterKeyId, sealedKeyId } from './envelope-vault.js';
import type { MasterKeys } from './master-keys.js';
import type { SecretVault } from './port.js';

/** The server setting holding the ledger's HMAC key, sealed by the vault (AAD: this name). */
export const LEDGER_KEY_SETTING = 'ledger_hmac_key';

/**
 * The sync ledger's HMAC key (DESIGN §5). It must never change: every ledger row is keyed by it,
 * and a new key would make every record look unsynced. So it is not derived from the current
 * master key (which `syncwell rotate-key` replaces) but kept sealed in the store, first derived
 * from the key this database was set up with (the one that sealed the vault check) — the value
 * it always had — and re-sealed like any other secret on rotation.
 */
export async function loadLedgerKey(
  store: MetadataStore,
  vault: SecretVault,
  keys: MasterKeys,
  vaultCheck: string,
): Promise<Buffer> {
  const setupKeyId = sealedKeyId(vaultCheck);
  const setupKey =
    [keys.current, ...keys.previous].find((key) => masterKeyId(key) === setupKeyId) ?? keys.current;
  const derived = deriveSubkey(setupKey, 'ledger-hmac');
  const stored = await store.claimServerSetting(
    LEDGER_KEY_SETTING,
    vault.seal(derived.toString('base64'), LEDGER_KEY_SETTING),
  );
  return Buffer.from(vault.open(stored, LEDGER_KEY_SETTING), 'base64');
}
