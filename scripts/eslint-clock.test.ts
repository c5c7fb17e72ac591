import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Probe {
  readonly dir: string;
  readonly kind: 'source' | 'test';
  /** A folder inside the package's `src/`. */
  readonly under?: string;
  readonly source: string;
  readonly forbidden: boolean;
}

/** The ways code can read the time, by what they are. */
const READ = {
  dateNowCall: 'export const at = Date.now();',
  dateNowPassed: 'export const now: () => number = Date.now;',
  newDate: 'export const at = new Date();',
  dateString: 'export const at = Date();',
  parsedDate: "export const at = new Date('2026-11-17T17:00:00Z');",
  epochDate: 'export const at = new Date(0);',
  monotonic: 'export const at = performance.now();',
};

/** The wall-clock rule of eslint.config.js, seen from production code and tests of each package it covers. */
const PROBES: readonly Probe[] = [
  { dir: 'core', under: 'sync/', kind: 'source', source: READ.dateNowCall, forbidden: true },
  { dir: 'core', under: 'sync/', kind: 'source', source: READ.newDate, forbidden: true },
  { dir: 'core', under: 'time/', kind: 'source', source: READ.newDate, forbidden: true },
  { dir: 'core', kind: 'source', source: READ.dateString, forbidden: true },
  { dir: 'core', kind: 'source', source: READ.parsedDate, forbidden: false },
  { dir: 'core', kind: 'test', source: READ.newDate, forbidden: false },
  { dir: 'providers', under: 'strava/', kind: 'source', source: READ.newDate, forbidden: true },
  { dir: 'providers', kind: 'source', source: READ.epochDate, forbidden: false },
  { dir: 'providers', kind: 'test', source: READ.dateNowCall, forbidden: false },
  { dir: 'testbed', under: 'garmin/', kind: 'source', source: READ.dateNowPassed, forbidden: true },
  { dir: 'testbed', under: 'synthetic/', kind: 'source', source: READ.newDate, forbidden: true },
  { dir: 'testbed', kind: 'test', source: READ.dateNowPassed, forbidden: false },
  { dir: 'server', under: 'scheduler/', kind: 'source', source: READ.dateNowCall, forbidden: true },
  { dir: 'server', under: 'worker/', kind: 'source', source: READ.newDate, forbidden: true },
  { dir: 'server', under: 'http/', kind: 'source', source: READ.monotonic, forbidden: false },
  { dir: 'server', kind: 'test', source: READ.newDate, forbidden: false },
  { dir: 'insights', kind: 'source', source: READ.dateNowCall, forbidden: true },
];

/**
 * Lints temporary files with the project's eslint.config.js and checks which reads of the
 * machine's clock `no-restricted-syntax` reports (only core's system clock module may). Type-aware
 * rules are off here: they have no say in this rule and would make the test slow.
 */
describe('the wall-clock rule in eslint.config.js', () => {
  const tag = randomBytes(4).toString('hex');
  const files = PROBES.map(
    (probe, index) =>
      `packages/${probe.dir}/src/${probe.under ?? ''}zz-clock-probe-${tag}-${index}${probe.kind === 'test' ? '.test' : ''}.ts`,
  );
  let reported: Map<string, string[]>;

  beforeAll(async () => {
    try {
      PROBES.forEach((probe, index) => {
        writeFileSync(join(ROOT, files[index]!), `${probe.source}\n`);
      });
      const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
      const results = await eslint.lintFiles(files);
      reported = new Map(
        results.map((result) => [
          result.filePath,
          result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message),
        ]),
      );
    } finally {
      for (const file of files) rmSync(join(ROOT, file), { force: true });
    }
  }, 120_000);

  it.each(
    PROBES.map((probe, index) => [probe.dir, probe.kind, probe.source, probe.forbidden, index] as const),
  )('in %s %s code, `%s` is forbidden: %s', (_dir, _kind, _source, forbidden, index) => {
    const messages = reported.get(join(ROOT, files[index]!));
    expect(messages).toBeDefined();
    if (forbidden) expect(messages).toEqual([expect.stringContaining('time is an input')]);
    else expect(messages).toEqual([]);
  });
});
