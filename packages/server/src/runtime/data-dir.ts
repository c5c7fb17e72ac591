import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WarningLogger } from '../vault/master-key.js';

/** The data directory holds sealed tokens and the key that opens them: owner only. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;
/** What SyncWell keeps in the data directory (SQLite's WAL and shared-memory files included). */
export const DATA_FILES = ['syncwell.db', 'syncwell.db-wal', 'syncwell.db-shm', 'master.key'] as const;
/** Present only while `syncwell rotate-key` replaces master.key; tightened like the others. */
const ROTATION_FILES = ['master.key.next'] as const;

/**
 * Creates the data directory 0700, or tightens an existing one and its files (0600) with a
 * warning, whatever the umask: a data directory made by hand, restored from a backup or left by
 * an older version must not stay readable by other users of the machine.
 */
export function secureDataDir(dataDir: string, logger: WarningLogger): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  tightenMode(dataDir, DATA_DIR_MODE, logger);
  for (const name of [...DATA_FILES, ...ROTATION_FILES])
    tightenMode(join(dataDir, name), DATA_FILE_MODE, logger);
}

/**
 * Creates `path` empty with mode 0600 unless it exists, so the file and whatever its owner
 * later derives from it (SQLite gives its -wal and -shm files the database file's mode) are
 * born private instead of 0644 under the usual umask.
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', DATA_FILE_MODE));
}

function tightenMode(path: string, mode: number, logger: WarningLogger): void {
  if (process.platform === 'win32') return;
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((current & ~mode) === 0) return;
  chmodSync(path, mode);
  logger.warn(
    { path, mode: current.toString(8), tightenedTo: mode.toString(8) },
    'The data directory or one of its files was readable by other users; tightened',
  );
}
