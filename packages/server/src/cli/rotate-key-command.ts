import { loadConfig } from '../config/load-config.js';
import { startSyncWell } from '../runtime/syncwell-runtime.js';
import { rotateSealedSecrets } from '../vault/key-rotation.js';
import { MASTER_KEY_ENV } from '../vault/master-key.js';
import {
  beginFileKeyRotation,
  finishFileKeyRotation,
  NEXT_MASTER_KEY_FILE,
  PREVIOUS_MASTER_KEYS_ENV,
} from '../vault/master-keys.js';

/**
 * `syncwell rotate-key`: re-seals every stored secret under a new master key, printing progress.
 * - Production (SYNCWELL_MASTER_KEY set): the new key is SYNCWELL_MASTER_KEY and the old ones
 *   are in SYNCWELL_PREVIOUS_MASTER_KEYS; run it after restarting every process with both.
 * - Embedded default (master.key): stop SyncWell first; a new key is written to
 *   master.key.next and replaces master.key once every secret is re-sealed.
 * Run again after an interruption: it resumes (secrets already re-sealed are skipped).
 */
export async function runRotateKeyCommand(
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const fromEnv = (env[MASTER_KEY_ENV] ?? '').trim() !== '';
  const { dataDir } = loadConfig(env);
  if (fromEnv) {
    if ((env[PREVIOUS_MASTER_KEYS_ENV] ?? '').trim() === '') {
      out(`${PREVIOUS_MASTER_KEYS_ENV} is empty: only secrets already under ${MASTER_KEY_ENV} can be read`);
    }
  } else {
    out(
      beginFileKeyRotation(dataDir)
        ? `generated a new master key in ${NEXT_MASTER_KEY_FILE}; SyncWell must be stopped until this finishes`
        : `resuming the rotation to the key in ${NEXT_MASTER_KEY_FILE}`,
    );
  }
  const runtime = await startSyncWell({ env, roles: { api: false, worker: false, scheduler: false } });
  try {
    await rotateSealedSecrets({ store: runtime.store, vault: runtime.vault, report: out });
  } finally {
    await runtime.close();
  }
  if (fromEnv) {
    out(`done: remove ${PREVIOUS_MASTER_KEYS_ENV} from every process and restart them`);
  } else {
    finishFileKeyRotation(dataDir);
    out('done: master.key now holds the new key (back it up; the old one is gone)');
  }
  return 0;
}
