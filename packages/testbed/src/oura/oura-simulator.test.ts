import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent } from '../consent/consent-driver.js';
import { startOuraSimulator, type OuraSimulator } from './oura-simulator.js';
import { ouraWebhookSignature } from './oura-webhook-delivery.js';

const client = { clientId: 'sim-test', clientSecret: 'sim-secret' };
const appHeaders = {
  'x-client-id': client.clientId,
  'x-client-secret': client.clientSecret,
  'content-type': 'application/json',
};

describe('Oura simulator', () => {
  let sim: OuraSimulator;
  let receiver: Server;
  let callbackUrl = '';
  const posts: { headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    sim = await startOuraSimulator({ ...client, seed: 3, users: 2, historyDays: 2, workoutsPerUser: 1 });
    receiver = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        const ok = url.searchParams.get('verification_token') === 'vt';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { challenge: url.searchParams.get('challenge') } : {}));
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        posts.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    callbackUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook`;
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const subscribe = (dataType: string, token = 'vt') =>
    fetch(`${sim.url}/v2/webhook/subscription`, {
      method: 'POST',
      headers: appHeaders,
      body: JSON.stringify({
        callback_url: callbackUrl,
        verification_token: token,
        event_type: 'create',
        data_type: dataType,
      }),
    });

  it('creates subscriptions only after the challenge handshake, once per type, and expires them until renewed', async () => {
    expect((await subscribe('sleep', 'wrong')).status).toBe(400);
    const created = await subscribe('sleep');
    expect(created.status).toBe(201);
    expect((await subscribe('sleep')).status).toBe(409);
    const { id } = (await created.json()) as { id: string };
    const bad = await fetch(`${sim.url}/v2/webhook/subscription`, {
      headers: { 'x-client-id': 'x', 'x-client-secret': 'y' },
    });
    expect(bad.status).toBe(401);

    const user = sim.users[0]!.id;
    sim.loginAs(user);
    const consent = await approveConsent(
      `${sim.baseUrls.authorize}?response_type=code&client_id=sim-test&redirect_uri=http://127.0.0.1:9/cb`,
    );
    expect(consent.code).toBeDefined();
    await fetch(sim.baseUrls.token, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: consent.code!,
        redirect_uri: 'http://127.0.0.1:9/cb',
        ...{ client_id: client.clientId, client_secret: client.clientSecret },
      }),
    });
    await sim.addDay(user);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(JSON.parse(post!.body)).toMatchObject({ event_type: 'create', data_type: 'sleep', user_id: user });
    const timestamp = String(post!.headers['x-oura-timestamp']);
    expect(post!.headers['x-oura-signature']).toBe(
      ouraWebhookSignature(client.clientSecret, timestamp, post!.body),
    );

    sim.advanceClock(91 * 86_400_000);
    await sim.addDay(user);
    expect(posts).toHaveLength(1);
    const renewed = await fetch(`${sim.url}/v2/webhook/subscription/renew/${id}`, {
      method: 'PUT',
      headers: { 'x-client-id': client.clientId, 'x-client-secret': client.clientSecret },
    });
    expect(renewed.status).toBe(200);
    await sim.addDay(user);
    expect(posts).toHaveLength(2);
  });
});
