import type { FastifyInstance } from 'fastify';
import type { ApiHarness, SignedInUser } from '../api-test-harness.js';
import { connect, signUpAndLogIn } from '../api-test-harness.js';

/** The id-bearing collections of the API; a route whose `{id}` belongs to none fails the sweeps. */
export type ResourceKind =
  | 'connection'
  | 'rule'
  | 'run'
  | 'backfill'
  | 'conflict'
  | 'notification'
  | 'conversation'
  | 'push_target'
  | 'device';

/** Which resource a templated path's `{id}` names, by the collection segment before it. */
const COLLECTIONS: Readonly<Record<string, ResourceKind>> = {
  '/v1/connections/{id}': 'connection',
  '/v1/rules/{id}': 'rule',
  '/v1/runs/{id}': 'run',
  '/v1/backfills/{id}': 'backfill',
  '/v1/conflicts/{id}': 'conflict',
  '/v1/notifications/{id}': 'notification',
  '/v1/insights/troubleshooter/{id}': 'conversation',
  '/v1/push-subscriptions/{id}': 'push_target',
  '/v1/device/devices/{id}': 'device',
};

/** The resource an operation's `{id}` names; undefined for a route nobody taught the sweeps. */
export function resourceOfPath(path: string): ResourceKind | undefined {
  const match = /^(.*?\{id\})/.exec(path);
  const collection = match?.[1];
  return collection === undefined ? undefined : COLLECTIONS[collection];
}

/** A user holding one of everything, and the id of each. */
export interface TenantFixture {
  readonly user: SignedInUser;
  readonly ids: Readonly<Record<ResourceKind, string>>;
  /** Every identifier of this tenant another tenant must never see (ids, email, provider user ids). */
  readonly secrets: readonly string[];
}

/**
 * Signs up a user and gives them a connection on each side, a rule, a finished manual run, a
 * backfill, a conflict, a notification and (when the app serves /v1/insights) a troubleshooter
 * conversation: through the API where a user can make one, through the store where only the
 * worker does.
 */
export async function seedTenant(h: ApiHarness, name: string): Promise<TenantFixture> {
  const user = await signUpAndLogIn(h.app, `${name}@example.org`);
  const polar = await connect(h.app, user, 'polar', `${name}-polar-user`);
  const strava = await connect(h.app, user, 'strava', `${name}-strava-user`);
  const rule = await call(h.app, user, 'POST', '/v1/rules', {
    sourceConnectionId: polar,
    destinationConnectionId: strava,
    dataTypes: ['workout'],
    conflictStrategy: 'ask',
  });
  const ruleId = (rule as { rule: { id: string } }).rule.id;
  const run = (await call(h.app, user, 'POST', `/v1/rules/${ruleId}/sync`)) as { run: { id: string } };
  // Finished, so its event stream ends at once instead of following it.
  await h.store.finishRun(run.run.id, 'succeeded');
  const backfill = (await call(h.app, user, 'POST', `/v1/rules/${ruleId}/backfill`, {})) as {
    backfill: { id: string };
  };
  await h.store.recordConflicts([
    {
      ruleId,
      dataType: 'workout',
      range: { from: new Date('2030-01-02T07:00:00Z'), to: new Date('2030-01-02T07:30:00Z') },
      sourceExternalId: `${name}-w1`,
      destinationId: `${name}-act-1`,
      code: 'SW_ITEM_CONFLICT_PENDING',
    },
  ]);
  const [conflict] = await h.store.listConflicts({ userId: user.userId });
  if (conflict === undefined) throw new Error('the seeded conflict is missing');
  const { notification } = await h.store.createNotification({
    userId: user.userId,
    kind: 'connection_needs_reauth',
    connectionId: polar,
    code: 'SW_PROVIDER_AUTH_REVOKED',
  });
  const target = await h.store.upsertPushTarget({
    userId: user.userId,
    channel: 'web_push',
    address: `https://push.test/${name}`,
    p256dh: 'p256dh-key',
    auth: 'auth-secret',
  });
  const device = await h.store.createDevice({
    userId: user.userId,
    platform: 'apple_health',
    name: `${name}-phone`,
    credentialHash: `${name}-credential-hash`,
  });
  let conversation = '00000000-0000-4000-8000-000000000000';
  const served = await h.app.inject({ method: 'GET', url: '/docs/json' });
  if (served.body.includes('/v1/insights/troubleshooter')) {
    const started = (await call(h.app, user, 'POST', '/v1/insights/troubleshooter', {
      message: 'my runs stopped syncing',
    })) as { conversation: { id: string } };
    conversation = started.conversation.id;
  }
  const ids: Record<ResourceKind, string> = {
    connection: polar,
    rule: ruleId,
    run: run.run.id,
    backfill: backfill.backfill.id,
    conflict: conflict.id,
    notification: notification.id,
    conversation,
    push_target: target.id,
    device: device.id,
  };
  return {
    user,
    ids,
    secrets: [
      ...Object.values(ids),
      strava,
      user.userId,
      user.email,
      `${name}-polar-user`,
      `${name}-strava-user`,
      `${name}-w1`,
      `${name}-act-1`,
    ],
  };
}

async function call(
  app: FastifyInstance,
  user: SignedInUser,
  method: 'POST' | 'GET',
  url: string,
  payload?: Record<string, unknown>,
): Promise<unknown> {
  const reply = await app.inject({
    method,
    url,
    headers: user.auth,
    ...(payload === undefined ? {} : { payload }),
  });
  if (reply.statusCode >= 300) throw new Error(`${method} ${url}: ${reply.statusCode} ${reply.body}`);
  return reply.json();
}
