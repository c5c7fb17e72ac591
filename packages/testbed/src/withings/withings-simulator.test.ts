import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithingsSimulator, type WithingsSimulator } from './withings-simulator.js';

/** The wire facts a client cannot see through the provider module: envelope, GET, 601, faults. */
describe('Withings simulator', () => {
  let sim: WithingsSimulator;
  beforeAll(async () => {
    sim = await startWithingsSimulator({
      clientId: 'c',
      clientSecret: 's',
      users: 1,
      days: 1,
      workoutsPerUser: 0,
      requestsPerMinute: 3,
    });
  });
  afterAll(() => sim.close());

  it('answers errors with HTTP 200 and a body status, to GET as to POST, and 601 without headers', async () => {
    sim.resetRateLimit();
    const viaGet = await fetch(`${sim.url}/measure?action=getmeas`);
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toMatchObject({ status: 401, body: {} });
    const badCode = await fetch(sim.baseUrls.token, {
      method: 'POST',
      body: new URLSearchParams({
        action: 'requesttoken',
        grant_type: 'authorization_code',
        client_id: 'c',
        client_secret: 's',
        code: 'x',
        redirect_uri: 'http://x/',
      }),
    });
    expect(await badCode.json()).toMatchObject({ status: 503, error: 'Invalid Params: invalid code' });
    await (await fetch(`${sim.url}/v2/sleep`, { method: 'POST' })).body?.cancel();
    const limited = await fetch(`${sim.url}/v2/measure`, { method: 'POST' });
    expect(limited.status).toBe(200);
    expect(await limited.json()).toMatchObject({ status: 601 });
    expect([...limited.headers.keys()].some((h) => h.includes('ratelimit') || h === 'retry-after')).toBe(
      false,
    );
  });

  it('maps injected faults onto body statuses, keeping edge 5xx as HTTP', async () => {
    sim.resetRateLimit();
    sim.failNext(1, 429);
    expect(await (await fetch(`${sim.url}/measure`, { method: 'POST' })).json()).toMatchObject({
      status: 601,
    });
    sim.faults.set({ errorRate5xx: { rate: 1, status: 502 } });
    const edge = await fetch(`${sim.url}/measure`, { method: 'POST' });
    sim.faults.clear();
    expect(edge.status).toBe(502);
  });
});
