import { runDemoFlow } from '@syncwell/devstack';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenSet } from '../auth/connection-tokens.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';

/*
 * DESIGN §6.1-6.3 on the production adapters (issue 9 §2): after a full sync through api, worker
 * and scheduler processes on PostgreSQL + Redis, a dump of every table of the database (every
 * schema), every Redis key under the deployment's prefix (BullMQ job hashes and streams
 * included) and every process's log holds no synced health value, in text or in binary (float64,
 * float32, FIT semicircles), and no OAuth token in plaintext.
 */

interface Dumps {
  /** Text of every table row, every Redis value and every log line. */
  readonly text: string;
  /** The same, as bytes, plus every binary column and Redis value as stored. */
  readonly bytes: Buffer;
}

let stack: ProcessStack;
let dumps: Dumps;
let tokens: string[] = [];
let values: { text: string[]; binary: Buffer[] };

beforeAll(async () => {
  stack = await startProcessStack({
    seed: 47,
    polarWorkouts: 3,
    uploadProcessingMs: 20,
    env: { LOG_LEVEL: 'debug' },
    startTimeoutMs: 120_000,
  });
  await Promise.all([stack.start('api'), stack.start('worker'), stack.start('scheduler')]);
  const demo = await runDemoFlow(stack.apiUrl, () => undefined, `canary-${Date.now()}@example.org`);
  expect(demo.run.counts.written).toBe(3);
  values = healthValues(stack);
  const database = await dumpDatabase(stack.env.DATABASE_URL!);
  tokens = await plaintextTokens(stack.env.DATABASE_URL!, stack.env.SYNCWELL_MASTER_KEY!);
  const redis = await dumpRedis(stack.env.REDIS_URL!, stack.env.SYNCWELL_REDIS_PREFIX!);
  const exits = await stack.stop();
  stopped = true;
  const logs = exits.map((p) => p.output).join('\n');
  expect(logs.length).toBeGreaterThan(1000);
  dumps = {
    text: [database.text, redis.text, logs].join('\n'),
    bytes: Buffer.concat([...database.binary, ...redis.binary, Buffer.from(logs, 'utf8')]),
  };
}, 420_000);
let stopped = false;
afterAll(async () => {
  // The dumps are taken before the stack stops; a failure on the way leaves it to stop here.
  if (!stopped) await stack.stop();
});

describe('privacy canary on PostgreSQL + Redis with api, worker and scheduler processes', () => {
  it('holds no synced health value as text in the database, Redis or the logs', () => {
    expect(values.text.length).toBeGreaterThan(20);
    const found = values.text.filter((v) => dumps.text.includes(v));
    expect(found).toEqual([]);
  });

  it('holds no synced health value in binary encodings', () => {
    expect(values.binary.length).toBeGreaterThan(20);
    const found = values.binary.filter((v) => dumps.bytes.includes(v)).map((b) => b.toString('hex'));
    expect(found).toEqual([]);
  });

  it('holds no OAuth token in plaintext', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const token of tokens) {
      expect(dumps.text.includes(token), 'a token in plaintext').toBe(false);
      expect(dumps.bytes.includes(Buffer.from(token, 'utf8'))).toBe(false);
    }
  });
});

/**
 * The synced workouts' values as they would appear if they leaked: ISO start times, decimal
 * prefixes of distances and coordinates (7 characters, longer than chance allows in ids and
 * hashes), and the bytes of the same numbers as float64 (both byte orders), float32 pairs and
 * FIT semicircle pairs (int32 latitude then longitude, as a FIT record stores them).
 */
function healthValues(s: ProcessStack): { text: string[]; binary: Buffer[] } {
  const text: string[] = [];
  const binary: Buffer[] = [];
  const decimal = (n: number) => (String(n).includes('.') ? [String(n).slice(0, 7)] : []);
  const f64 = (n: number) => {
    const le = Buffer.alloc(8);
    le.writeDoubleLE(n);
    const be = Buffer.alloc(8);
    be.writeDoubleBE(n);
    return [le, be];
  };
  const pair = (write: (b: Buffer, v: number, at: number) => void, a: number, b: number) => {
    const out = Buffer.alloc(8);
    write(out, a, 0);
    write(out, b, 4);
    return out;
  };
  const semicircles = (deg: number) => Math.round((deg * 2 ** 31) / 180);
  for (const athlete of s.polar.athletes) {
    for (const exercise of s.polar.exercisesOf(athlete.id)) {
      const w = exercise.workout;
      text.push(w.startTime.slice(0, 19));
      if (w.distance !== undefined) {
        text.push(...decimal(w.distance.value));
        binary.push(...f64(w.distance.value));
      }
      for (const point of (w.track ?? []).slice(0, 30)) {
        text.push(...decimal(point.lat), ...decimal(point.lon));
        binary.push(...f64(point.lat), ...f64(point.lon));
        binary.push(pair((b, v, at) => b.writeFloatLE(v, at), point.lat, point.lon));
        binary.push(
          pair((b, v, at) => b.writeInt32LE(v, at), semicircles(point.lat), semicircles(point.lon)),
        );
      }
    }
  }
  return { text, binary };
}

async function dumpDatabase(url: string): Promise<{ text: string; binary: Buffer[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables
       where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
    );
    expect(tables.rows.length).toBeGreaterThan(10);
    const text: string[] = [];
    const binary: Buffer[] = [];
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const rows = await client.query(`select * from "${schema}"."${table}"`);
      for (const row of rows.rows as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          if (Buffer.isBuffer(value)) {
            binary.push(value);
            text.push(value.toString('latin1'));
          } else if (value !== null) {
            const rendered = render(value);
            text.push(rendered);
            binary.push(Buffer.from(rendered, 'utf8'));
          }
        }
      }
    }
    return { text: text.join('\n'), binary };
  } finally {
    await client.end();
  }
}

async function plaintextTokens(url: string, masterKey: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const vault = createEnvelopeVault(Buffer.from(masterKey, 'base64'));
    const rows = await client.query<{ id: string; tokens_sealed: string }>(
      'select id, tokens_sealed from connections',
    );
    return rows.rows.flatMap((c) => {
      const t = openTokenSet(vault, c.id, c.tokens_sealed);
      return [t.accessToken, ...(t.refreshToken === null ? [] : [t.refreshToken])];
    });
  } finally {
    await client.end();
  }
}

/** Every key under the prefix, whatever its type, as bytes (BullMQ's job hashes hold `data`). */
async function dumpRedis(url: string, prefix: string): Promise<{ text: string; binary: Buffer[] }> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const binary: Buffer[] = [];
  let keys = 0;
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of batch) {
        keys++;
        binary.push(Buffer.from(key, 'utf8'));
        const type = await redis.type(key);
        if (type === 'string') binary.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
        else if (type === 'hash') {
          const hash = await redis.hgetallBuffer(key);
          for (const [field, value] of Object.entries(hash)) binary.push(Buffer.from(field), value);
        } else if (type === 'list') binary.push(...(await redis.lrangeBuffer(key, 0, -1)));
        else if (type === 'set') binary.push(...(await redis.smembersBuffer(key)));
        else if (type === 'zset') binary.push(...(await redis.zrangeBuffer(key, '0', '-1', 'WITHSCORES')));
        else if (type === 'stream') {
          const entries = await redis.xrangeBuffer(key, '-', '+');
          for (const [id, fields] of entries) binary.push(id, ...fields);
        }
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  expect(keys).toBeGreaterThan(0);
  return { text: binary.map((b) => b.toString('utf8')).join('\n'), binary };
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
