import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWorkoutFit } from '@syncwell/providers';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { startStravaSimulator } from './strava-simulator.js';
import type { StravaSimulator } from './strava-simulator-handle.js';
import type { StravaWebhookEvent } from './strava-webhook-hub.js';
import { connectAthlete, TEST_CLIENT } from './strava-test-support.js';

/** A subscriber that answers the handshake (optionally wrongly) and records events. */
class Subscriber {
  readonly events: StravaWebhookEvent[] = [];
  readonly verifyTokens: string[] = [];
  echoChallenge = true;
  failPosts = 0;
  readonly server: Server = createServer((req, res) => void this.#handle(req, res));

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET') {
      this.verifyTokens.push(url.searchParams.get('hub.verify_token') ?? '');
      const challenge = this.echoChallenge ? url.searchParams.get('hub.challenge') : 'wrong';
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ 'hub.challenge': challenge }));
      return;
    }
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (this.failPosts > 0) {
      this.failPosts -= 1;
      res.writeHead(500).end();
      return;
    }
    this.events.push(JSON.parse(body) as StravaWebhookEvent);
    res.writeHead(200).end();
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/strava/webhook`;
  }
}

let sim: StravaSimulator;
const subscriber = new Subscriber();

beforeAll(async () => {
  sim = await startStravaSimulator({ ...TEST_CLIENT, athletes: 2, webhookRetryDelayMs: 5 });
  await new Promise<void>((resolve) => subscriber.server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => subscriber.server.close(resolve));
});

const subscribe = (callbackUrl: string) =>
  fetch(`${sim.baseUrls.api}/push_subscriptions`, {
    method: 'POST',
    body: new URLSearchParams({
      ...{ client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret },
      callback_url: callbackUrl,
      verify_token: 'vt-1',
    }),
  });

describe('Strava simulator webhooks', () => {
  it('refuses a callback that does not echo hub.challenge', async () => {
    subscriber.echoChallenge = false;
    const response = await subscribe(subscriber.url);
    subscriber.echoChallenge = true;
    expect(response.status).toBe(400);
    expect(sim.pushSubscription()).toBeNull();
  });

  it('subscribes after the handshake, once per app, and lists the subscription', async () => {
    const response = await subscribe(subscriber.url);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    expect(subscriber.verifyTokens.at(-1)).toBe('vt-1');
    const second = await subscribe(subscriber.url);
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'PushSubscription', field: '', code: 'already exists' }],
    });
    const query = new URLSearchParams({
      client_id: TEST_CLIENT.clientId,
      client_secret: TEST_CLIENT.clientSecret,
    });
    const listed = (await (
      await fetch(`${sim.baseUrls.api}/push_subscriptions?${query.toString()}`)
    ).json()) as {
      id: number;
      callback_url: string;
    }[];
    expect(listed).toEqual([expect.objectContaining({ id, callback_url: subscriber.url })]);
  });

  it('delivers create, update, delete and deauthorization events with ids only', async () => {
    const athlete = sim.athletes[0]!;
    const tokens = await connectAthlete(sim, 'read,activity:read', athlete.id);
    const [workout] = generateWorkouts({ seed: 9, count: 1, provider: 'strava', endBefore: sim.now() });
    const created = sim.addActivity(athlete.id, workout!);
    sim.updateActivity(created.id, { name: 'Renamed', private: true });
    sim.deleteActivity(created.id);
    // Not authorized: Strava tells the app nothing about this athlete.
    sim.addActivity(sim.athletes[1]!.id, workout!);
    await sim.webhooksIdle();
    const deauth = await fetch(`${sim.url}/oauth/deauthorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(deauth.status).toBe(200);
    await sim.webhooksIdle();

    const subscriptionId = sim.pushSubscription()!.id;
    expect(subscriber.events.map((e) => [e.object_type, e.aspect_type, e.updates])).toEqual([
      ['activity', 'create', {}],
      ['activity', 'update', { title: 'Renamed', private: 'true' }],
      ['activity', 'delete', {}],
      ['athlete', 'update', { authorized: 'false' }],
    ]);
    for (const event of subscriber.events) {
      expect(event.owner_id).toBe(athlete.id);
      expect(event.subscription_id).toBe(subscriptionId);
      expect(Math.abs(event.event_time - sim.now().getTime() / 1000)).toBeLessThan(5);
    }
    expect(subscriber.events[0]!.object_id).toBe(created.id);
  });

  it('announces an activity created by an upload once processing is done', async () => {
    const athlete = sim.athletes[1]!;
    const tokens = await connectAthlete(sim, 'read,activity:write', athlete.id);
    const [workout] = generateWorkouts({ seed: 11, count: 1, provider: 'garmin', endBefore: sim.now() });
    const form = new FormData();
    form.set('data_type', 'fit');
    form.set('external_id', 'sw-abc.fit');
    form.set('file', new Blob([encodeWorkoutFit(workout!).data]), 'w.fit');
    const upload = await fetch(`${sim.baseUrls.api}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const seen = subscriber.events.length;
    await expect.poll(() => subscriber.events.length, { timeout: 3000, interval: 20 }).toBe(seen + 1);
    const event = subscriber.events.at(-1)!;
    const created = sim.activitiesOf(athlete.id).find((a) => a.externalId === 'sw-abc.fit')!;
    expect(event).toMatchObject({
      object_type: 'activity',
      aspect_type: 'create',
      object_id: created.id,
      owner_id: athlete.id,
    });
  });

  it('retries a failing callback, three attempts in total', async () => {
    const athlete = sim.athletes[1]!;
    await connectAthlete(sim, 'read', athlete.id);
    const [workout] = generateWorkouts({ seed: 10, count: 1, provider: 'strava', endBefore: sim.now() });
    subscriber.failPosts = 2;
    sim.addActivity(athlete.id, workout!);
    await sim.webhooksIdle();
    expect(sim.webhookDeliveries.at(-1)).toMatchObject({ attempts: 3, delivered: true });
    subscriber.failPosts = 3;
    sim.updateActivity(sim.activitiesOf(athlete.id)[0]!.id, { name: 'x' });
    await sim.webhooksIdle();
    expect(sim.webhookDeliveries.at(-1)).toMatchObject({ attempts: 3, delivered: false });
  });

  it('deletes the subscription with 204', async () => {
    const id = sim.pushSubscription()!.id;
    const query = new URLSearchParams({
      client_id: TEST_CLIENT.clientId,
      client_secret: TEST_CLIENT.clientSecret,
    });
    const response = await fetch(`${sim.baseUrls.api}/push_subscriptions/${id}?${query.toString()}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(204);
    expect(sim.pushSubscription()).toBeNull();
  });
});
