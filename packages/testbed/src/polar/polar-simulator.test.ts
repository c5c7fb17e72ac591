import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWorkoutFit } from '@syncwell/providers';
import { approveConsent } from '../consent/consent-driver.js';
import { startPolarSimulator } from './polar-simulator.js';
import type { PolarSimulator } from './polar-simulator.js';

const CLIENT = { clientId: 'syncwell-test', clientSecret: 's3cret' };
const REDIRECT = 'http://127.0.0.1:9/callback';
const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const CLIENT_AUTH = basic(CLIENT.clientId, CLIENT.clientSecret);

function authorizeUrl(sim: PolarSimulator, clientId = CLIENT.clientId): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: 'accesslink.read_all',
    state: 'st-1',
  });
  return `${sim.baseUrls.authorize}?${query.toString()}`;
}

async function exchange(sim: PolarSimulator, code: string, auth = CLIENT_AUTH): Promise<Response> {
  return fetch(sim.baseUrls.token, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }).toString(),
  });
}

async function connect(sim: PolarSimulator, athleteId: number): Promise<string> {
  sim.loginAs(athleteId);
  const { code } = await approveConsent(authorizeUrl(sim));
  const token = (await (await exchange(sim, code ?? '')).json()) as { access_token: string };
  return token.access_token;
}

const api = (
  sim: PolarSimulator,
  path: string,
  token: string | undefined,
  init: { method?: string; body?: string } = {},
): Promise<Response> =>
  fetch(sim.url + path, {
    ...init,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
  });

const ERROR_KEYS = ['corrId', 'errorType', 'message', 'status', 'timestamp'];

describe('Polar simulator', () => {
  let sim: PolarSimulator;
  beforeAll(async () => {
    sim = await startPolarSimulator({ ...CLIENT, seed: 5, athletes: 2, workoutsPerAthlete: 3 });
  });
  afterAll(() => sim.close());

  it('runs the OAuth code flow through the consent page, with x_user_id and no refresh token', async () => {
    const athlete = sim.athletes[1]!;
    sim.loginAs(athlete.id);
    const consent = await approveConsent(authorizeUrl(sim));
    expect(consent.state).toBe('st-1');
    expect(consent.location.startsWith(REDIRECT)).toBe(true);
    const answer = await exchange(sim, consent.code!);
    expect(answer.status).toBe(200);
    const token = (await answer.json()) as Record<string, unknown>;
    expect(token).toMatchObject({ token_type: 'bearer', x_user_id: athlete.id });
    expect(typeof token.access_token).toBe('string');
    expect(typeof token.expires_in).toBe('number');
    expect(token).not.toHaveProperty('refresh_token');
    // Codes are single-use.
    expect((await exchange(sim, consent.code!)).status).toBe(400);
  });

  it('refuses bad client auth at the token endpoint, denies on deny, and 400s an unknown client', async () => {
    const { code } = await approveConsent(authorizeUrl(sim));
    expect((await exchange(sim, code!, basic(CLIENT.clientId, 'wrong'))).status).toBe(401);
    const denied = await approveConsent(authorizeUrl(sim), { decision: 'deny' });
    expect(denied).toMatchObject({ error: 'access_denied', state: 'st-1', code: undefined });
    const page = await fetch(authorizeUrl(sim, 'someone-else'));
    expect(page.status).toBe(400);
    expect(Object.keys((await page.json()) as object).sort()).toEqual(ERROR_KEYS);
  });

  it('answers 401 without a token and 403 before registration, in the Polar error shape', async () => {
    const noToken = await api(sim, '/v3/exercises', undefined);
    expect(noToken.status).toBe(401);
    expect(Object.keys((await noToken.json()) as object).sort()).toEqual(ERROR_KEYS);
    const token = await connect(sim, sim.athletes[0]!.id);
    const unregistered = await api(sim, '/v3/exercises', token);
    expect(unregistered.status).toBe(403);
    expect(await unregistered.json()).toMatchObject({ status: 403, errorType: 'forbidden' });
  });

  it('registers a user once (409 on repeat), lists exercises in Polar shape and serves a decodable FIT', async () => {
    const athlete = sim.athletes[0]!;
    const token = await connect(sim, athlete.id);
    const first = await api(sim, '/v3/users', token, {
      method: 'POST',
      body: JSON.stringify({ 'member-id': 'sw-user-1' }),
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ 'polar-user-id': athlete.id, 'member-id': 'sw-user-1' });
    const again = await api(sim, '/v3/users', token, {
      method: 'POST',
      body: JSON.stringify({ 'member-id': 'sw-user-1' }),
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('ratelimit-limit')).toBe('520, 5100');

    const list = (await (await api(sim, '/v3/exercises', token)).json()) as Record<string, unknown>[];
    const stored = sim.exercisesOf(athlete.id);
    expect(list).toHaveLength(3);
    const [exercise] = list;
    const workout = stored.find((e) => e.id === exercise?.id)!.workout;
    expect(exercise).toMatchObject({
      polar_user: `${sim.url}/v3/users/${athlete.id}`,
      start_time_utc_offset: workout.utcOffsetMinutes,
      has_route: true,
      calories: workout.energy?.value,
      heart_rate: { average: workout.heartRate?.average.value, maximum: workout.heartRate?.maximum.value },
    });
    expect(exercise?.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(exercise?.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
    expect(['RUNNING', 'CYCLING', 'WALKING']).toContain(exercise?.sport);
    const localMs = Date.parse(`${String(exercise?.start_time)}Z`) - workout.utcOffsetMinutes * 60_000;
    expect(localMs).toBe(Date.parse(workout.startTime));

    const fit = await api(sim, `/v3/exercises/${String(exercise?.id)}/fit`, token);
    expect(fit.headers.get('content-type')).toBe('application/octet-stream');
    const decoded = decodeWorkoutFit(new Uint8Array(await fit.arrayBuffer()), {
      provider: 'polar',
      externalId: String(exercise?.id),
    }).workout;
    expect(decoded.track).toHaveLength(workout.track!.length);
    decoded.track!.forEach((p, i) => {
      expect(Math.abs(p.lat - workout.track![i]!.lat)).toBeLessThan(1e-6);
      expect(Math.abs(p.lon - workout.track![i]!.lon)).toBeLessThan(1e-6);
    });
    expect(decoded.utcOffsetMinutes).toBe(workout.utcOffsetMinutes);

    const other = sim.exercisesOf(sim.athletes[1]!.id)[0]!;
    expect((await api(sim, `/v3/exercises/${other.id}`, token)).status).toBe(404);
  });

  it('blocks data without consents, fails on demand, and deregistration revokes the token', async () => {
    const athlete = sim.athletes[0]!;
    const token = await connect(sim, athlete.id);
    sim.setConsents(athlete.id, false);
    expect((await api(sim, '/v3/exercises', token)).status).toBe(403);
    sim.setConsents(athlete.id, true);

    sim.failNext(2, 503);
    const failed = [await api(sim, '/v3/exercises', token), await api(sim, '/v3/exercises', token)];
    expect(failed.map((r) => r.status)).toEqual([503, 503]);
    expect(await failed[0]!.json()).toMatchObject({ status: 503 });
    expect((await api(sim, '/v3/exercises', token)).status).toBe(200);

    expect((await api(sim, `/v3/users/${athlete.id}`, token, { method: 'DELETE' })).status).toBe(204);
    expect(sim.isRegistered(athlete.id)).toBe(false);
    expect((await api(sim, '/v3/exercises', token)).status).toBe(401);
  });
});

describe('Polar simulator webhooks', () => {
  let sim: PolarSimulator;
  let receiver: Server;
  let receiverUrl = '';
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(req.url === '/refuse' ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    sim = await startPolarSimulator({ ...CLIENT, seed: 9, athletes: 1, workoutsPerAthlete: 1 });
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const manage = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(sim.url + path, {
      ...init,
      headers: { authorization: CLIENT_AUTH, 'content-type': 'application/json' },
    });

  it('pings before creating, returns the secret once, 409s a second, and signs EXERCISE events', async () => {
    const refused = await manage('/v3/webhooks', {
      method: 'POST',
      body: JSON.stringify({ events: ['EXERCISE'], url: `${receiverUrl}/refuse` }),
    });
    expect(refused.status).toBe(400);

    const created = await manage('/v3/webhooks', {
      method: 'POST',
      body: JSON.stringify({ events: ['EXERCISE'], url: `${receiverUrl}/hook` }),
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; signature_secret_key: string } };
    const ping = received.at(-1)!;
    expect(JSON.parse(ping.body)).toMatchObject({ event: 'PING' });
    expect(ping.headers['polar-webhook-signature']).toBeUndefined();

    const second = await manage('/v3/webhooks', {
      method: 'POST',
      body: JSON.stringify({ events: ['EXERCISE'], url: `${receiverUrl}/hook` }),
    });
    expect(second.status).toBe(409);
    const listed = JSON.stringify(await (await manage('/v3/webhooks')).json());
    expect(listed).toContain(data.id);
    expect(listed).not.toContain(data.signature_secret_key);
    expect((await fetch(`${sim.url}/v3/webhooks`)).status).toBe(401);

    // Only users registered with our client are announced.
    const athleteId = sim.athletes[0]!.id;
    sim.loginAs(athleteId);
    const { code } = await approveConsent(authorizeUrl(sim));
    const { access_token: token } = (await (await exchange(sim, code!)).json()) as { access_token: string };
    await fetch(`${sim.url}/v3/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ 'member-id': 'm-1' }),
    });

    const before = received.length;
    const exerciseId = await sim.addExercise(athleteId);
    expect(received.length).toBe(before + 1);
    const event = received.at(-1)!;
    const expected = createHmac('sha256', data.signature_secret_key).update(event.body).digest('hex');
    expect(event.headers['polar-webhook-signature']).toBe(expected);
    expect(event.headers['polar-webhook-event']).toBe('EXERCISE');
    expect(JSON.parse(event.body)).toMatchObject({
      event: 'EXERCISE',
      user_id: athleteId,
      entity_id: exerciseId,
      url: `${sim.url}/v3/exercises/${exerciseId}`,
    });

    const notifications = (await (await manage('/v3/notifications')).json()) as {
      'available-user-data': { 'user-id': number }[];
    };
    expect(notifications['available-user-data'].map((n) => n['user-id'])).toEqual([athleteId]);
    // The transactional model offers the new exercise until the transaction is committed.
    const bearer = { authorization: `Bearer ${token}` };
    const txPath = `${sim.url}/v3/users/${athleteId}/exercise-transactions`;
    const opened = await fetch(txPath, { method: 'POST', headers: bearer });
    expect(opened.status).toBe(201);
    const tx = (await opened.json()) as { 'transaction-id': number; 'resource-uri': string };
    expect(tx['resource-uri']).toBe(`${txPath}/${tx['transaction-id']}`);
    const { exercises } = (await (await fetch(tx['resource-uri'], { headers: bearer })).json()) as {
      exercises: string[];
    };
    expect(exercises).toEqual([`${tx['resource-uri']}/exercises/${exerciseId}`]);
    const legacy = (await (await fetch(exercises[0]!, { headers: bearer })).json()) as Record<
      string,
      unknown
    >;
    expect(legacy).toMatchObject({
      id: exerciseId,
      'transaction-id': tx['transaction-id'],
      'has-route': true,
    });
    expect((await fetch(`${exercises[0]!}/fit`, { headers: bearer })).status).toBe(200);
    expect((await manage('/v3/notifications')).status).toBe(200);
    expect((await fetch(tx['resource-uri'], { method: 'PUT', headers: bearer })).status).toBe(200);
    expect((await manage('/v3/notifications')).status).toBe(204);
    expect((await fetch(txPath, { method: 'POST', headers: bearer })).status).toBe(204);

    expect((await manage(`/v3/webhooks/${data.id}`, { method: 'DELETE' })).status).toBe(204);
    await sim.addExercise(athleteId);
    expect(received.length).toBe(before + 1);
  });

  it('creates the webhook with a pinned signature key when one is given (launchers configure SyncWell first)', async () => {
    const pinned = await startPolarSimulator({
      ...CLIENT,
      seed: 9,
      athletes: 1,
      webhookSecret: 'pinned-key',
    });
    try {
      const created = await fetch(`${pinned.url}/v3/webhooks`, {
        method: 'POST',
        headers: { authorization: CLIENT_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ events: ['EXERCISE'], url: `${receiverUrl}/hook` }),
      });
      expect(created.status).toBe(201);
      const { data } = (await created.json()) as { data: { signature_secret_key: string } };
      expect(data.signature_secret_key).toBe('pinned-key');
    } finally {
      await pinned.close();
    }
  });
});

describe('Polar simulator rate limit', () => {
  it('answers 429 with RateLimit headers once the 15-minute quota is used', async () => {
    let now = Date.parse('2026-11-20T10:01:00Z');
    const sim = await startPolarSimulator({
      ...CLIENT,
      athletes: 1,
      workoutsPerAthlete: 0,
      quota: { shortBase: 3 },
      now: () => now,
    });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${sim.url}/v3/exercises`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last?.headers.get('ratelimit-limit')).toBe('3, 5000');
      expect(last?.headers.get('ratelimit-usage')).toBe('3, 3');
      expect(last?.headers.get('ratelimit-reset')).toBe(`${14 * 60}, ${(24 * 60 - 10 * 60 - 1) * 60}`);
      expect(await last?.json()).toMatchObject({ status: 429 });
      now += 14 * 60_000;
      expect((await fetch(`${sim.url}/v3/exercises`)).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});
