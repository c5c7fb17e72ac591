import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Probe {
  /** Where the temporary file goes: a package's production code or its tests. */
  readonly dir: string;
  readonly kind: 'source' | 'test';
  /** A folder inside the package's `src/` when the rule covers only part of it. */
  readonly under?: string;
  readonly source: string;
  readonly forbidden: boolean;
}

/** The imports the probes try, by what they reach for. */
const IMPORT = {
  server: "import { startSyncWell } from '@syncwell/server';",
  core: "import { ERROR_CODES } from '@syncwell/core';",
  providers: "import { PROVIDER_MODULES } from '@syncwell/providers';",
  testbed: "import { approveConsent } from '@syncwell/testbed';",
  devstack: "import { startDevStack } from '@syncwell/devstack';",
  insights: "import { x } from '@syncwell/insights';",
  deviceSdk: "import { DeviceSync } from '@syncwell/device-sdk';",
  nodeBuiltin: "import { createHmac } from 'node:crypto';",
  bareBuiltin: "import { readFileSync } from 'fs';",
  providersByPath: "import { x } from '../../providers/src/index.js';",
  testbedByPath: "import { x } from '../../testbed/src/index.js';",
};

/**
 * Each boundary of eslint.config.js, seen from a file in the package it protects: one import
 * that must fail `npm run lint`, and the test-code exceptions that must not.
 */
const PROBES: readonly Probe[] = [
  { dir: 'core', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.providers, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.testbed, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.nodeBuiltin, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.bareBuiltin, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.providersByPath, forbidden: true },
  { dir: 'core', kind: 'test', source: IMPORT.nodeBuiltin, forbidden: false },
  { dir: 'core', kind: 'test', source: IMPORT.testbed, forbidden: true },
  { dir: 'providers', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'providers', kind: 'source', source: IMPORT.testbed, forbidden: true },
  { dir: 'providers', kind: 'source', source: IMPORT.nodeBuiltin, forbidden: false },
  { dir: 'providers', kind: 'test', source: IMPORT.testbed, forbidden: false },
  { dir: 'providers', kind: 'test', source: IMPORT.server, forbidden: true },
  { dir: 'server', kind: 'source', source: IMPORT.testbed, forbidden: true },
  { dir: 'server', kind: 'source', source: IMPORT.devstack, forbidden: true },
  { dir: 'server', kind: 'source', source: IMPORT.testbedByPath, forbidden: true },
  { dir: 'server', kind: 'test', source: IMPORT.testbed, forbidden: false },
  { dir: 'testbed', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.insights, forbidden: true },
  { dir: 'core', kind: 'source', source: IMPORT.deviceSdk, forbidden: true },
  { dir: 'device-sdk', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'device-sdk', kind: 'source', source: IMPORT.providers, forbidden: true },
  { dir: 'device-sdk', kind: 'source', source: IMPORT.testbed, forbidden: true },
  { dir: 'device-sdk', kind: 'source', source: IMPORT.nodeBuiltin, forbidden: true },
  { dir: 'device-sdk', kind: 'source', source: IMPORT.core, forbidden: false },
  { dir: 'device-sdk', kind: 'test', source: IMPORT.testbed, forbidden: false },
  { dir: 'device-sdk', kind: 'test', source: IMPORT.server, forbidden: true },
  { dir: 'providers', kind: 'source', source: IMPORT.insights, forbidden: true },
  { dir: 'insights', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'insights', kind: 'source', source: IMPORT.providers, forbidden: true },
  { dir: 'insights', kind: 'source', source: IMPORT.testbed, forbidden: true },
  { dir: 'server', kind: 'source', source: IMPORT.insights, forbidden: false },
  { dir: 'web', under: 'app/', kind: 'source', source: IMPORT.server, forbidden: true },
  { dir: 'web', under: 'app/', kind: 'source', source: IMPORT.core, forbidden: true },
  { dir: 'web', under: 'app/', kind: 'source', source: IMPORT.nodeBuiltin, forbidden: true },
  { dir: 'web', kind: 'test', source: IMPORT.devstack, forbidden: false },
];

/**
 * Lints temporary files placed inside each package with the project's own eslint.config.js, and
 * checks which imports the boundary rule (`no-restricted-imports`) reports. Type-aware rules are
 * switched off here only because they need no say in imports and would make this test slow.
 */
describe('package boundaries in eslint.config.js', () => {
  const tag = randomBytes(4).toString('hex');
  const files = PROBES.map(
    (probe, index) =>
      `packages/${probe.dir}/src/${probe.under ?? ''}zz-boundary-probe-${tag}-${index}${probe.kind === 'test' ? '.test' : ''}.ts`,
  );
  let reported: Map<string, string[]>;

  beforeAll(async () => {
    try {
      PROBES.forEach((probe, index) => {
        writeFileSync(join(ROOT, files[index]!), `${probe.source}\nexport const probe = 1;\n`);
      });
      const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });
      const results = await eslint.lintFiles(files);
      reported = new Map(
        results.map((result) => [
          result.filePath,
          result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message),
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
    if (forbidden) expect(messages).toHaveLength(1);
    else expect(messages).toEqual([]);
  });
});
