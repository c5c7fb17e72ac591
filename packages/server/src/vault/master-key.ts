import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.js';

export const MASTER_KEY_ENV = 'SYNCWELL_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';

/** The slice of a pino logger this needs. */
export interface WarningLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface LoadMasterKeyOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dataDir: string;
  readonly logger: WarningLogger;
}

/** A key from its base64 text; `where` names the setting or file in the error, never the value. */
export function decodeMasterKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  // Round-trip check: Buffer.from silently drops characters that are not base64.
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    // Never echo the value: it may be a real key with a typo.
    throw new ConfigError(
      where,
      'must be the base64 encoding of exactly 32 random bytes (openssl rand -base64 32)',
    );
  }
  return key;
}

/**
 * The server's one secret. Production sets SYNCWELL_MASTER_KEY; the embedded default keeps a
 * generated key in `<dataDir>/master.key` (mode 0600) so `syncwell start` needs no setup. Losing
 * that file makes every stored token unreadable, hence the warning.
 */
export function loadMasterKey(options: LoadMasterKeyOptions): Buffer {
  const fromEnv = options.env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return decodeMasterKey(fromEnv, MASTER_KEY_ENV);

  const path = join(options.dataDir, MASTER_KEY_FILE);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two processes starting together keep one key.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    options.logger.warn(
      { path },
      `Generated a master key file; set ${MASTER_KEY_ENV} in production and back it up`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    options.logger.warn({ path }, `Using the master key file; set ${MASTER_KEY_ENV} in production`);
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    options.logger.warn({ path }, 'The master key file is readable by other users; run chmod 600 on it');
  }
  return decodeMasterKey(readFileSync(path, 'utf8'), path);
}
