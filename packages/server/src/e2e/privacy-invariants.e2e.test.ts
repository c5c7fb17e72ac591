import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenSet } from '../auth/connection-tokens.js';
import { runDemoFlow } from '@syncwell/devstack';
import { createApiLogger } from '../http/api-logger.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { startSpineStack, type SpineStack } from './spine-stack.js';

/** Everything the process would have written to its log, as text. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

/**
 * DESIGN §6 checked on a real run: after a full first sync, the database files, the logs and the
 * API's answers hold no health value and no plaintext token.
 */
describe('privacy invariants after a real sync', () => {
  let stack: SpineStack;
  const logs = new LogCapture();
  let apiBodies = '';
  let email: string;

  beforeAll(async () => {
    stack = await startSpineStack({
      polarWorkouts: 2,
      logger: createApiLogger({ level: 'debug', destination: logs }),
    });
    email = `privacy-${Date.now()}@example.org`;
    const demo = await runDemoFlow(stack.syncwell.url, () => undefined, email);
    expect(demo.run.counts.written).toBe(2);
    const run = await demo.client.getRun(demo.run.id);
    const connections = await demo.client.call('GET', '/v1/connections');
    const rules = await demo.client.call('GET', '/v1/rules');
    apiBodies = JSON.stringify([run, connections, rules]);
    await stack.syncwell.store.close(); // flush SQLite's WAL into the files we read below
  }, 60_000);
  afterAll(async () => stack.stop());

  function databaseBytes(): string {
    const dir = stack.syncwell.config.dataDir;
    return readdirSync(dir)
      .filter((f) => f.startsWith('syncwell.db'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');
  }

  /**
   * Strings that would only appear if a value leaked: ISO start times, and decimal prefixes of
   * coordinates and distances (long enough that hex ids and hashes cannot contain them by chance).
   */
  function healthValues(): string[] {
    const decimal = (n: number) => (String(n).includes('.') ? [String(n).slice(0, 7)] : []);
    const values: string[] = [];
    for (const exercise of stack.polar.exercisesOf(stack.polar.athletes[0]!.id)) {
      const w = exercise.workout;
      values.push(w.startTime.slice(0, 19), ...decimal(w.distance!.value));
      for (const point of w.track!.slice(0, 20)) values.push(...decimal(point.lat), ...decimal(point.lon));
    }
    return values;
  }

  it('§6.1 no raw health value is persisted in the store', () => {
    const bytes = databaseBytes();
    for (const value of healthValues()) expect(bytes, `store holds ${value}`).not.toContain(value);
  });

  it('§6.2 OAuth tokens exist at rest only encrypted, and never in logs or API responses', async () => {
    const vault = createEnvelopeVault(Buffer.from(stack.env.SYNCWELL_MASTER_KEY!, 'base64'));
    const reopened = await (
      await import('../store/sqlite/sqlite-store.js')
    ).createSqliteStore({
      filename: join(stack.syncwell.config.dataDir, 'syncwell.db'),
    });
    const users = await reopened.findUserByEmail(email);
    const connections = await reopened.listConnectionsByUser(users!.id);
    await reopened.close();
    expect(connections).toHaveLength(2);
    const secrets = connections.flatMap((c) => {
      const tokens = openTokenSet(vault, c.id, c.tokensSealed);
      return [tokens.accessToken, ...(tokens.refreshToken ? [tokens.refreshToken] : [])];
    });
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    const bytes = databaseBytes();
    for (const secret of secrets) {
      expect(bytes).not.toContain(secret);
      expect(logs.text).not.toContain(secret);
      expect(apiBodies).not.toContain(secret);
    }
  });

  it('§6.3 logs are JSON lines with identifiers redacted', () => {
    const lines = logs.text.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(logs.text).not.toContain(email);
    for (const value of healthValues()) expect(logs.text).not.toContain(value);
  });
});
