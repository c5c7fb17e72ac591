import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent } from '../consent/consent-driver.js';
import { startWhoopSimulator, type WhoopSimulator } from './whoop-simulator.js';
import { whoopWebhookSignature } from './whoop-webhook-delivery.js';

const client = { clientId: 'cid', clientSecret: 'csecret' };

describe('WHOOP simulator', () => {
  let sim: WhoopSimulator;
  let token = '';
  const api = (path: string, init: RequestInit = {}) =>
    fetch(sim.baseUrls.api + path, { ...init, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    sim = await startWhoopSimulator({
      ...client,
      users: 1,
      days: 2,
      workoutsPerUser: 1,
      quota: { perMinute: 5 },
    });
    const redirect = 'http://127.0.0.1:9/cb';
    const authorize = `${sim.baseUrls.authorize}?${new URLSearchParams({ response_type: 'code', client_id: 'cid', redirect_uri: redirect, scope: 'offline read:workout read:sleep', state: 'abcdefgh' }).toString()}`;
    const { code } = await approveConsent(authorize);
    const answer = await fetch(sim.baseUrls.token, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: redirect,
        ...{ client_id: 'cid', client_secret: 'csecret' },
      }),
    });
    const body = (await answer.json()) as {
      access_token: string;
      expires_in: number;
      refresh_token?: string;
      token_type: string;
    };
    expect(body).toMatchObject({
      expires_in: 3600,
      token_type: 'bearer',
      refresh_token: expect.any(String) as string,
    });
    token = body.access_token;
  });
  afterAll(() => sim.close());

  it('pages with limit ≤ 25, enforces scopes, and sends the documented rate-limit headers until 429', async () => {
    expect((await api('/v2/activity/sleep?limit=26')).status).toBe(400);
    const page = await api('/v2/activity/sleep?limit=1');
    expect(page.headers.get('x-ratelimit-limit')).toBe('5;window=60, 10000;window=86400');
    expect(page.headers.get('x-ratelimit-remaining')).toBe('3');
    const body = (await page.json()) as { records: { id: string }[]; next_token: string | null };
    expect(body.records[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(body.next_token).toEqual(expect.any(String));
    expect((await api('/v2/cycle')).status).toBe(403); // read:cycles was not granted
    await api('/v2/activity/workout');
    await api('/v2/activity/workout');
    const limited = await api('/v2/activity/workout');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    sim.advanceClock(60_000);
  });

  it('signs dashboard webhooks over timestamp + body with the client secret', async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    sim.setWebhookUrl(
      `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook`,
    );
    const id = await sim.addWorkout(sim.users[0]!.id);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    const [event] = seen;
    expect(JSON.parse(event!.body)).toMatchObject({ user_id: sim.users[0]!.id, id, type: 'workout.updated' });
    const ts = String(event!.headers['x-whoop-signature-timestamp']);
    expect(event!.headers['x-whoop-signature']).toBe(whoopWebhookSignature('csecret', ts, event!.body));
  });

  it('revokes every token of the user', async () => {
    expect((await api('/v2/user/access', { method: 'DELETE' })).status).toBe(204);
    expect((await api('/v2/activity/sleep')).status).toBe(401);
  });
});
