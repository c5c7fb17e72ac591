import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from './free-port.js';
import { startSyncWell, type SyncWellRuntime } from './syncwell-runtime.js';

/*
 * The runtime is the one place the system clock enters: a clock passed to it reaches the store's
 * stamps, the API's tokens and the scheduler, so a whole process can be run at a pinned instant.
 */
const PINNED = '2031-12-31T23:59:00.000Z';
const clock = new ManualClock(PINNED);
let runtime: SyncWellRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'syncwell-clock-'));
  runtime = await startSyncWell({
    env: {
      PORT: String(await freePort()),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SYNCWELL_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    },
    clock,
    schedulerTickMs: 3_600_000,
  });
}, 60_000);

afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the runtime on a pinned clock', () => {
  it('stamps rows and signs tokens at the clock, not at the machine time', async () => {
    const client = new SyncWellApiClient(runtime.url);
    await client.signUpAndLogIn('clock@example.com', 'a long enough password');
    const user = await runtime.store.findUserByEmail('clock@example.com');
    expect(user?.createdAt.toISOString()).toBe(PINNED);

    clock.advance(60_000); // into 2032
    const response = await fetch(`${runtime.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'clock@example.com', password: 'a long enough password' }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as {
      iat: number;
    };
    expect(claims.iat * 1000).toBe(Date.parse('2032-01-01T00:00:00Z'));
  }, 60_000);
});
