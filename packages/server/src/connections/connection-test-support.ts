import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OAuthGrant, ProviderBundle, ProviderId, TokenSet } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { approveConsent, type StravaSimulator } from '@syncwell/testbed';
import { sealTokenSet } from '../auth/connection-tokens.js';
import type { ConnectionRow, MetadataStore, NewRule, RuleRow, UserRow } from '../store/port.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import type { SecretVault } from '../vault/port.js';

/*
 * Shared by the connection, worker and scheduler tests: a real SQLite store in a throwaway
 * directory, a real envelope vault, and real grants from the provider simulators.
 */

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const POLAR_CLIENT = { clientId: 'polar-test-client', clientSecret: 'polar-test-secret' } as const;
export const STRAVA_CLIENT = { clientId: '4242', clientSecret: 'strava-test-secret' } as const;

export interface TestBed {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly user: UserRow;
  cleanup(): Promise<void>;
}

export async function openTestBed(opts: { now?: () => number } = {}): Promise<TestBed> {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-server-test-'));
  const store = await createSqliteStore({
    filename: join(dir, 'syncwell.db'),
    ...(opts.now === undefined ? {} : { now: opts.now }),
  });
  const vault = createEnvelopeVault(randomBytes(32));
  const user = await store.createUser({
    email: `u-${randomBytes(4).toString('hex')}@example.org`,
    passwordHash: 'h',
  });
  return {
    store,
    vault,
    user,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function bundleFor(
  provider: ProviderId,
  sim: { readonly baseUrls: StravaSimulator['baseUrls'] },
  credentials: { clientId: string; clientSecret: string },
  extra: { readonly requestTimeoutMs?: number } = {},
): ProviderBundle {
  const module = PROVIDER_MODULES.get(provider);
  if (module === undefined) throw new Error(`no module for ${provider}`);
  return module.create({ ...credentials, baseUrls: sim.baseUrls, pollIntervalMs: 5, ...extra });
}

/**
 * Both accounts connected through their consent pages and a "source workouts → destination"
 * rule: the starting point of every worker test that drives real runs against simulators.
 */
export async function connectRule(
  bed: TestBed,
  source: { readonly provider: ProviderId; readonly bundle: ProviderBundle },
  destination: { readonly provider: ProviderId; readonly bundle: ProviderBundle },
  ruleOverrides: Partial<NewRule> = {},
): Promise<{ source: ConnectionRow; destination: ConnectionRow; rule: RuleRow }> {
  const [sourceGrant, destinationGrant] = await Promise.all([
    grantFrom(source.bundle),
    grantFrom(destination.bundle),
  ]);
  const sourceRow = await saveConnection(
    bed,
    source.provider,
    sourceGrant.externalUserId,
    sourceGrant.tokens,
  );
  const destinationRow = await saveConnection(
    bed,
    destination.provider,
    destinationGrant.externalUserId,
    destinationGrant.tokens,
  );
  const rule = await bed.store.createRule(ruleInput(bed, sourceRow, destinationRow, ruleOverrides));
  return { source: sourceRow, destination: destinationRow, rule };
}

/** The whole OAuth dance against a simulator's consent page, as the API's callback does it. */
export async function grantFrom(bundle: ProviderBundle): Promise<OAuthGrant> {
  const consent = await approveConsent(bundle.oauth.authorizeUrl({ state: 's', redirectUri: REDIRECT_URI }));
  if (consent.code === undefined) throw new Error(`consent failed: ${consent.location}`);
  const grant = await bundle.oauth.exchangeCode({ code: consent.code, redirectUri: REDIRECT_URI });
  await bundle.oauth.afterConnect?.(grant);
  return grant;
}

export async function saveConnection(
  bed: Pick<TestBed, 'store' | 'vault' | 'user'>,
  provider: ProviderId,
  externalUserId: string,
  tokens: TokenSet,
): Promise<ConnectionRow> {
  const { connection } = await bed.store.upsertConnection({
    userId: bed.user.id,
    provider,
    externalUserId,
    sealTokens: (id) => sealTokenSet(bed.vault, id, tokens),
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scopes,
  });
  return connection;
}

/** A connection with made-up tokens, for code that never calls the provider. */
export function fakeConnection(
  bed: Pick<TestBed, 'store' | 'vault' | 'user'>,
  provider: ProviderId,
  externalUserId: string,
): Promise<ConnectionRow> {
  return saveConnection(bed, provider, externalUserId, {
    accessToken: `access-${externalUserId}`,
    refreshToken: null,
    expiresAt: null,
    scopes: [],
  });
}

export function ruleInput(
  bed: Pick<TestBed, 'user'>,
  source: ConnectionRow,
  destination: ConnectionRow,
  overrides: Partial<NewRule> = {},
): NewRule {
  return {
    userId: bed.user.id,
    sourceConnectionId: source.id,
    destinationConnectionId: destination.id,
    dataTypes: ['workout'],
    conflictStrategy: 'source_wins',
    intervalMinutes: 60,
    enabled: true,
    nextRunAt: null,
    ...overrides,
  };
}
