import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMasterKey } from './master-key.js';

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'syncwell-key-'));
    dirs.push(dir);
    return dir;
  };
  const logger = () => {
    const warnings: string[] = [];
    return { warnings, warn: (_details: Record<string, unknown>, message: string) => warnings.push(message) };
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes SYNCWELL_MASTER_KEY when set, writing no file', () => {
    const key = randomBytes(32);
    const dataDir = join(tempDir(), 'data');
    const log = logger();
    const loaded = loadMasterKey({
      env: { SYNCWELL_MASTER_KEY: key.toString('base64') },
      dataDir,
      logger: log,
    });
    expect(loaded.equals(key)).toBe(true);
    expect(log.warnings).toEqual([]);
    expect(() => statSync(join(dataDir, 'master.key'))).toThrow();
  });

  it.each([
    ['too-short'],
    [randomBytes(16).toString('base64')],
    [randomBytes(33).toString('base64')],
    ['%%%%' + randomBytes(30).toString('base64')],
  ])('rejects a malformed variable, naming it without echoing it (%#)', (value) => {
    const run = () =>
      loadMasterKey({ env: { SYNCWELL_MASTER_KEY: value }, dataDir: tempDir(), logger: logger() });
    expect(run).toThrow(expect.objectContaining({ code: 'SW_CONFIG_INVALID' }));
    expect(run).toThrow(/SYNCWELL_MASTER_KEY/);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('generates <dataDir>/master.key with mode 0600 once, warns, and reuses it', () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const log = logger();
    const first = loadMasterKey({ env: {}, dataDir, logger: log });
    expect(first).toHaveLength(32);
    expect(log.warnings[0]).toMatch(/SYNCWELL_MASTER_KEY/);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const second = loadMasterKey({ env: { SYNCWELL_MASTER_KEY: '' }, dataDir, logger: log });
    expect(second.equals(first)).toBe(true);
  });

  it('warns about a key file others can read, and refuses a corrupt one', () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'master.key');
    writeFileSync(path, randomBytes(32).toString('base64'));
    chmodSync(path, 0o644);
    const log = logger();
    loadMasterKey({ env: {}, dataDir, logger: log });
    if (process.platform !== 'win32') expect(log.warnings.some((w) => w.includes('chmod 600'))).toBe(true);
    writeFileSync(path, 'not a key');
    expect(() => loadMasterKey({ env: {}, dataDir, logger: logger() })).toThrow(
      expect.objectContaining({ code: 'SW_CONFIG_INVALID' }),
    );
  });
});
