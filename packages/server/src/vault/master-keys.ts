import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import {
  decodeMasterKey,
  loadMasterKey,
  MASTER_KEY_ENV,
  MASTER_KEY_FILE,
  type LoadMasterKeyOptions,
} from './master-key.js';

export const PREVIOUS_MASTER_KEYS_ENV = 'SYNCWELL_PREVIOUS_MASTER_KEYS';
/** The embedded default's rotation in progress: the new key, beside the old `master.key`. */
export const NEXT_MASTER_KEY_FILE = 'master.key.next';

/**
 * The key new secrets are sealed with, and the keys that still open older ones while
 * `syncwell rotate-key` re-seals them.
 * - Production: SYNCWELL_MASTER_KEY (the new key) and SYNCWELL_PREVIOUS_MASTER_KEYS
 *   (comma-separated, the keys being retired).
 * - Embedded default: `master.key`, or during a rotation `master.key.next` with `master.key`
 *   as the previous key; the rotation ends by renaming the one over the other.
 */
export interface MasterKeys {
  readonly current: Buffer;
  readonly previous: readonly Buffer[];
  readonly source: 'env' | 'file';
}

export function loadMasterKeys(options: LoadMasterKeyOptions): MasterKeys {
  const previous = (options.env[PREVIOUS_MASTER_KEYS_ENV] ?? '')
    .split(',')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text, index) => decodeMasterKey(text, `${PREVIOUS_MASTER_KEYS_ENV}[${index}]`));
  const fromEnv = options.env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { current: decodeMasterKey(fromEnv, MASTER_KEY_ENV), previous, source: 'env' };
  }
  const fileKey = loadMasterKey(options);
  const nextPath = join(options.dataDir, NEXT_MASTER_KEY_FILE);
  if (!existsSync(nextPath)) return { current: fileKey, previous, source: 'file' };
  options.logger.warn(
    { path: nextPath },
    'A master key rotation is in progress: sealing under master.key.next, still reading master.key; run syncwell rotate-key to finish',
  );
  return {
    current: decodeMasterKey(readFileSync(nextPath, 'utf8'), nextPath),
    previous: [fileKey, ...previous],
    source: 'file',
  };
}

/**
 * Starts (or resumes) a rotation of the embedded key file: writes a new random key to
 * `master.key.next` unless one is there. Returns true when it made one.
 */
export function beginFileKeyRotation(dataDir: string): boolean {
  if (!existsSync(join(dataDir, MASTER_KEY_FILE))) {
    throw new ConfigError(MASTER_KEY_FILE, `is missing in ${dataDir}: there is no key to rotate`);
  }
  try {
    writeFileSync(join(dataDir, NEXT_MASTER_KEY_FILE), `${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Ends a file rotation: the new key becomes `master.key` (one atomic rename); the old key is gone. */
export function finishFileKeyRotation(dataDir: string): void {
  renameSync(join(dataDir, NEXT_MASTER_KEY_FILE), join(dataDir, MASTER_KEY_FILE));
}
