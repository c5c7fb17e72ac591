// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * A package's test code (tests, shared suites, their helpers); everything else in `src/` ships.
 * @param {string} pkg
 */
const testCodeOf = (pkg) =>
  ['**/*.test.ts', '**/*.contract.ts', '**/e2e/**', '**/testing/**', '**/*-test-support.ts'].map(
    (glob) => `packages/${pkg}/src/${glob}`,
  );

/** Packages whose production code decides on time only through an injected clock. */
const CLOCKED_PACKAGES = ['core', 'providers', 'testbed', 'server', 'insights'];
/** The one module that reads the machine's clock; the runtime passes it down. */
const SYSTEM_CLOCK_MODULE = 'packages/core/src/time/clock.ts';
const CLOCK_MESSAGE =
  'time is an input: take a Clock (or a `now` option) and let the runtime pass systemClock from @syncwell/core; elapsed-time waits use performance.now()';
/** Every way to read the wall clock without a Clock: `Date.now` (called or passed), `new Date()`, `Date()`. */
const WALL_CLOCK_READS = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK_MESSAGE },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
  { selector: "CallExpression[callee.type='Identifier'][callee.name='Date']", message: CLOCK_MESSAGE },
];

/** Why each package may not be imported from where the rules below forbid it. */
const WHY = {
  core: 'core is the bottom layer (core ← providers ← server)',
  providers: 'providers sit below the server: core ← providers ← server',
  testbed:
    'the provider simulators are for tests, the dev launcher and bench; production code never loads them',
  devstack:
    'the dev launcher (npm start, npm run demo) sits above everything; production code never loads it',
  testbedToServer: "the simulators imitate the providers' clouds and know nothing of SyncWell's server",
  insights: 'the AI Insights Service depends on core only; the server calls it (DESIGN §3)',
  deviceSdk: 'the device SDK runs in the phone app and depends on core only (docs/device-sync.md)',
  web: 'the web app talks to SyncWell only through the public /v1 API (docs/web-app.md); it bundles no package of ours',
};

/**
 * One `no-restricted-imports` setting: the named workspace packages (by name, and by a relative
 * path into their `src/`), plus Node's built-ins when `builtins` is set. ESLint keeps only the
 * last matching setting of a rule per file, so each block below states the whole list.
 *
 * @param {Record<string, string>} packages package name → why it is forbidden here
 * @param {{ builtins?: boolean, nodeMessage?: string }} [options]
 */
function restrictImports(
  packages,
  {
    builtins = false,
    nodeMessage = 'core runs on the phone as well as on Node: no Node built-ins (DESIGN §3)',
  } = {},
) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: builtins
          ? builtinModules
              .filter((name) => !name.startsWith('_'))
              .map((name) => ({ name, message: nodeMessage }))
          : [],
        patterns: [
          ...Object.entries(packages).flatMap(([name, message]) => [
            { group: [`@syncwell/${name}`, `@syncwell/${name}/*`], message },
            { regex: `(^|/)${name}/src(/|$)`, message },
          ]),
          ...(builtins ? [{ group: ['node:*'], message: nodeMessage }] : []),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.syncwell/**', 'coverage/**'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.contract.ts', '**/e2e/**', '**/*-test-support.ts', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },

  // Package boundaries (docs/architecture.md): core ← providers ← server ← devstack, core ← insights ← server, with testbed
  // beside them for tests. A back-arrow fails `npm run lint`; scripts/eslint-boundaries.test.ts
  // proves each rule fires.
  {
    files: ['packages/core/src/**/*.ts'],
    rules: restrictImports(
      {
        providers: WHY.core,
        server: WHY.core,
        testbed: WHY.core,
        devstack: WHY.core,
        insights: WHY.core,
        'device-sdk': WHY.core,
      },
      { builtins: true },
    ),
  },
  {
    files: testCodeOf('core'),
    rules: restrictImports({
      providers: WHY.core,
      server: WHY.core,
      testbed: WHY.core,
      devstack: WHY.core,
      insights: WHY.core,
    }),
  },
  {
    files: ['packages/providers/src/**/*.ts'],
    rules: restrictImports({
      server: WHY.providers,
      devstack: WHY.devstack,
      testbed: WHY.testbed,
      insights: WHY.insights,
    }),
  },
  {
    files: testCodeOf('providers'),
    rules: restrictImports({ server: WHY.providers, devstack: WHY.devstack }),
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: restrictImports({ testbed: WHY.testbed, devstack: WHY.devstack }),
  },
  {
    files: testCodeOf('server'),
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['packages/device-sdk/src/**/*.ts'],
    rules: restrictImports(
      {
        providers: WHY.deviceSdk,
        server: WHY.deviceSdk,
        testbed: WHY.testbed,
        devstack: WHY.devstack,
        insights: WHY.deviceSdk,
      },
      { builtins: true, nodeMessage: 'the device SDK runs in a React Native app: no Node built-ins' },
    ),
  },
  {
    files: testCodeOf('device-sdk'),
    rules: restrictImports({
      providers: WHY.deviceSdk,
      server: WHY.deviceSdk,
      devstack: WHY.devstack,
      insights: WHY.deviceSdk,
    }),
  },
  {
    files: ['packages/insights/src/**/*.ts'],
    rules: restrictImports({
      providers: WHY.insights,
      server: WHY.insights,
      testbed: WHY.testbed,
      devstack: WHY.devstack,
    }),
  },
  {
    files: ['packages/testbed/src/**/*.ts'],
    rules: restrictImports({ server: WHY.testbedToServer, devstack: WHY.testbedToServer }),
  },
  {
    files: ['packages/web/src/app/**/*.ts', 'packages/web/src/app/**/*.tsx'],
    rules: restrictImports(
      {
        core: WHY.web,
        providers: WHY.web,
        server: WHY.web,
        testbed: WHY.web,
        devstack: WHY.web,
        insights: WHY.web,
      },
      { builtins: true, nodeMessage: 'the web app runs in the browser: no Node built-ins' },
    ),
  },

  // Time is an input (docs/architecture.md): production code asks the Clock it was given, and only
  // core's system clock reads the machine's. Tests pin their clocks. scripts/eslint-boundaries.test.ts
  // proves the rule fires.
  {
    files: CLOCKED_PACKAGES.map((pkg) => `packages/${pkg}/src/**/*.ts`),
    ignores: [SYSTEM_CLOCK_MODULE, ...CLOCKED_PACKAGES.flatMap(testCodeOf)],
    rules: { 'no-restricted-syntax': ['error', ...WALL_CLOCK_READS] },
  },

  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  // The web app's service-worker add-on is plain JS served as is (imported by the generated sw.js).
  { files: ['packages/web/public/**/*.js'], ...tseslint.configs.disableTypeChecked },
);
