import {
  SEALED_SECRET_KINDS,
  type SealedSecretKind,
  type SealedSecretStore,
} from '../store/sealed-secret-port.js';
import { sealedKeyId } from './envelope-vault.js';
import { VAULT_CHECK_SETTING } from './master-key-check.js';
import type { SecretVault } from './port.js';
import { VaultKeyError } from './vault-errors.js';

const KIND_NAMES: Readonly<Record<SealedSecretKind, string>> = {
  connection_tokens: 'connection tokens',
  oauth_code_verifier: 'pending OAuth verifiers',
  server_setting: 'sealed server settings',
};
/** Passes over everything; later passes only find what changed under the rotation (see below). */
const MAX_PASSES = 3;

export interface KeyRotationOptions {
  readonly store: SealedSecretStore;
  /** Seals under the new key and opens under the new and the old ones. */
  readonly vault: SecretVault;
  /** One line of progress at a time (the CLI prints them). */
  readonly report: (line: string) => void;
  readonly batchSize?: number;
}

export interface KeyRotationSummary {
  readonly resealed: number;
  readonly alreadyCurrent: number;
}

/**
 * Re-seals every vault envelope in the store under the vault's current key (`syncwell
 * rotate-key`). Resumable by construction: a secret already under the current key is skipped,
 * so a run that stopped half-way is simply run again. Each replacement is a compare-and-swap,
 * so a token refreshed meanwhile is not overwritten; another pass picks up whatever changed,
 * and a secret still sealed under an old key after the last pass (a process still running with
 * only the old key) fails the rotation instead of ending it. The vault check is re-sealed
 * last: while it is under an old key the rotation is unfinished, and processes say so at start.
 *
 * @example
 *   await rotateSealedSecrets({ store, vault: createEnvelopeVault(newKey, [oldKey]), report: console.log });
 */
export async function rotateSealedSecrets(options: KeyRotationOptions): Promise<KeyRotationSummary> {
  const total = { resealed: 0, alreadyCurrent: 0 };
  for (let pass = 1; ; pass += 1) {
    let stale = 0;
    for (const kind of SEALED_SECRET_KINDS) {
      const counts = await rotateKind(options, kind);
      stale += counts.changedMeanwhile;
      total.resealed += counts.resealed;
      if (pass === 1) total.alreadyCurrent += counts.alreadyCurrent;
    }
    if (stale === 0) break;
    if (pass === MAX_PASSES) {
      throw new VaultKeyError(
        `${stale} secrets changed under the rotation ${MAX_PASSES} times over: is a process still running with only the old master key? Restart every process with the new key (and the old one in SYNCWELL_PREVIOUS_MASTER_KEYS), then run syncwell rotate-key again`,
      );
    }
    options.report(`${stale} secrets changed while being re-sealed; another pass`);
  }
  const check = await finishWithVaultCheck(options);
  total.resealed += check;
  options.report(
    `rotation finished: ${total.resealed} re-sealed, ${total.alreadyCurrent} already under the new key`,
  );
  return total;
}

interface KindCounts {
  resealed: number;
  alreadyCurrent: number;
  changedMeanwhile: number;
}

async function rotateKind(options: KeyRotationOptions, kind: SealedSecretKind): Promise<KindCounts> {
  const { store, vault, report } = options;
  const batchSize = options.batchSize ?? 200;
  const counts: KindCounts = { resealed: 0, alreadyCurrent: 0, changedMeanwhile: 0 };
  for (let after: string | null = null; ;) {
    const batch = await store.listSealedSecrets(kind, after, batchSize);
    for (const secret of batch) {
      // Settings hold plain values too; the vault check goes last (it marks the end).
      if (
        kind === 'server_setting' &&
        (secret.id === VAULT_CHECK_SETTING || sealedKeyId(secret.sealed) === undefined)
      )
        continue;
      if (vault.isCurrent(secret.sealed)) {
        counts.alreadyCurrent += 1;
        continue;
      }
      if (await reseal(options, kind, secret.id, secret.sealed)) counts.resealed += 1;
      else counts.changedMeanwhile += 1;
    }
    if (batch.length > 0) {
      report(
        `${KIND_NAMES[kind]}: ${counts.resealed} re-sealed, ${counts.alreadyCurrent} already under the new key`,
      );
    }
    const last = batch.at(-1);
    if (batch.length < batchSize || last === undefined) return counts;
    after = last.id;
  }
}

/** The row id is the AAD for every kind (connection id, OAuth state, setting key). */
async function reseal(
  { store, vault }: KeyRotationOptions,
  kind: SealedSecretKind,
  id: string,
  sealed: string,
): Promise<boolean> {
  let plaintext: string;
  try {
    plaintext = vault.open(sealed, id);
  } catch {
    throw new VaultKeyError(
      `A secret (${KIND_NAMES[kind]}, ${id}) opens under none of the configured keys: add the key it was sealed with to SYNCWELL_PREVIOUS_MASTER_KEYS and run syncwell rotate-key again`,
      { kind, id, keyId: sealedKeyId(sealed) },
    );
  }
  return store.replaceSealedSecret(kind, id, sealed, vault.seal(plaintext, id));
}

async function finishWithVaultCheck(options: KeyRotationOptions): Promise<number> {
  const { store, vault } = options;
  // A handful of rows: the settings table holds server-wide facts only.
  const [check] = (await store.listSealedSecrets('server_setting', null, 1_000)).filter(
    (s) => s.id === VAULT_CHECK_SETTING,
  );
  if (check === undefined || vault.isCurrent(check.sealed)) return 0;
  if (!(await reseal(options, 'server_setting', check.id, check.sealed))) {
    throw new VaultKeyError('The vault check changed during the rotation; run syncwell rotate-key again');
  }
  options.report('vault check re-sealed: every process may now drop the old key');
  return 1;
}
