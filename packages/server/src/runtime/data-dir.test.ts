import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { loadMasterKey } from '../vault/master-key.js';
import { DATA_FILES, secureDataDir } from './data-dir.js';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('the data directory is private whatever the umask', () => {
  let root: string;
  let umask: number;
  const warnings: Record<string, unknown>[] = [];
  const logger = { warn: (details: Record<string, unknown>) => void warnings.push(details) };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'syncwell-datadir-'));
    umask = process.umask(0o022);
    warnings.length = 0;
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the directory 0700 and syncwell.db, -wal, -shm and master.key 0600 under umask 022', async () => {
    const dataDir = join(root, 'data');
    secureDataDir(dataDir, logger);
    loadMasterKey({ env: {}, dataDir, logger });
    const store = await createSqliteStore({ filename: join(dataDir, 'syncwell.db') });
    await store.createUser({ email: 'modes@example.org', passwordHash: 'h' });
    expect(modeOf(dataDir)).toBe('700');
    for (const name of DATA_FILES) expect([name, modeOf(join(dataDir, name))]).toEqual([name, '600']);
    await store.close();
    expect(warnings.filter((w) => 'tightenedTo' in w)).toEqual([]);
  });

  it('tightens an existing directory and files that are wider, with one warning each', () => {
    const dataDir = join(root, 'restored');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    for (const name of DATA_FILES) {
      writeFileSync(join(dataDir, name), '');
      chmodSync(join(dataDir, name), 0o644);
    }
    secureDataDir(dataDir, logger);
    expect(modeOf(dataDir)).toBe('700');
    for (const name of DATA_FILES) expect(modeOf(join(dataDir, name))).toBe('600');
    expect(warnings.map((w) => [w.mode, w.tightenedTo])).toEqual([
      ['755', '700'],
      ...DATA_FILES.map(() => ['644', '600']),
    ]);
    secureDataDir(dataDir, logger);
    expect(warnings).toHaveLength(1 + DATA_FILES.length);
  });
});
