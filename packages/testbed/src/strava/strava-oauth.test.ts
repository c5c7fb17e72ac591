import { ManualClock } from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent } from '../consent/consent-driver.js';
import { startStravaSimulator } from './strava-simulator.js';
import type { StravaSimulator } from './strava-simulator-handle.js';
import {
  apiGet,
  authorizeUrl,
  connectAthlete,
  postToken,
  REDIRECT_URI,
  TEST_CLIENT,
} from './strava-test-support.js';

let sim: StravaSimulator;
const clock = new ManualClock('2028-02-29T23:30:00Z');

beforeAll(async () => {
  // A stopped clock: token times are exact, however slow the machine (advanceClock still moves it).
  sim = await startStravaSimulator({ ...TEST_CLIENT, seed: 7, athletes: 3, now: clock.nowMs });
});
afterAll(async () => {
  await sim.close();
});

describe('Strava simulator OAuth', () => {
  it('serves the consent form with hidden request fields and both buttons', async () => {
    const response = await fetch(authorizeUrl(sim, 'activity:read_all,activity:write', 'abc'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html.match(/<form id="consent" method="post" action="\/oauth\/authorize">/g)).toHaveLength(1);
    expect(html).toContain('name="scope" value="read,activity:read_all,activity:write"');
    expect(html).toContain(`name="athlete_id" value="${sim.athletes[0]?.id}"`);
    expect(html).toContain('name="state" value="abc"');
    expect(html).toContain('<button type="submit" name="decision" value="allow">');
    expect(html).toContain('name="decision" value="deny"');
  });

  it('answers 400 in Strava Fault shape for an unknown client or a missing redirect_uri', async () => {
    const unknown = await fetch(authorizeUrl(sim, 'read').replace('client_id=4242', 'client_id=999'));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }],
    });
    const url = new URL(authorizeUrl(sim, 'read'));
    url.searchParams.delete('redirect_uri');
    const missing = await fetch(url);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('redirect_uri');
  });

  it('enforces the Authorization Callback Domain when one is configured, localhost excepted', async () => {
    const strict = await startStravaSimulator({
      ...TEST_CLIENT,
      authorizationCallbackDomain: 'syncwell.example',
    });
    try {
      const at = (redirect: string) =>
        authorizeUrl(strict, 'read').replace(encodeURIComponent(REDIRECT_URI), encodeURIComponent(redirect));
      expect((await fetch(at('https://evil.example/cb'))).status).toBe(400);
      expect((await fetch(at('https://app.syncwell.example/cb'))).status).toBe(200);
      expect((await fetch(at(REDIRECT_URI))).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('redirects with state, code and the accepted scopes; the code is single-use', async () => {
    const athlete = sim.athletes[1]!;
    sim.loginAs(athlete.id);
    const consent = await approveConsent(authorizeUrl(sim, 'activity:read_all', 'xyz'));
    expect(consent.location.startsWith(`${REDIRECT_URI}?state=xyz&code=`)).toBe(true);
    expect(consent.params.scope).toBe('read,activity:read_all');
    const first = await postToken(sim, { code: consent.code!, grant_type: 'authorization_code' });
    const tokens = (await first.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 21600, athlete: { id: athlete.id } });
    expect(Math.abs((tokens.expires_at as number) - (Math.floor(sim.now().getTime() / 1000) + 21600))).toBe(
      0,
    );
    const again = await postToken(sim, { code: consent.code!, grant_type: 'authorization_code' });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'AuthorizationCode', field: 'code', code: 'invalid' }],
    });
  });

  it('carries a deny back as error=access_denied and honours unticked scopes', async () => {
    const denied = await approveConsent(authorizeUrl(sim, 'activity:read', 's-deny'), { decision: 'deny' });
    expect(denied.location).toBe(`${REDIRECT_URI}?error=access_denied&state=s-deny`);

    const page = await (await fetch(authorizeUrl(sim, 'activity:read_all,activity:write', 's2'))).text();
    const hidden: Record<string, string> = {};
    for (const m of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      hidden[m[1]!] = m[2]!;
    const answer = await fetch(sim.baseUrls.authorize, {
      method: 'POST',
      body: new URLSearchParams({ ...hidden, scope: 'read,activity:read_all', decision: 'allow' }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get('location')!).searchParams.get('scope')).toBe('read,activity:read_all');
  });

  it('returns the same access token on refresh while more than 1 h remains, without athlete', async () => {
    const tokens = await connectAthlete(sim);
    const response = await postToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    const refreshed = (await response.json()) as Record<string, unknown>;
    expect(refreshed.access_token).toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);
    expect(refreshed).not.toHaveProperty('athlete');
  });

  it('rotates: a new refresh token kills the old one at once; both access tokens stay valid', async () => {
    const tokens = await connectAthlete(sim);
    sim.advanceClock(5.5 * 3600_000);
    const response = await postToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    const rotated = (await response.json()) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
    };
    expect(rotated.access_token).not.toBe(tokens.access_token);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.expires_in).toBe(21600);

    const stale = await postToken(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }],
    });
    expect((await apiGet(sim, '/athlete', tokens.access_token)).status).toBe(200);
    expect((await apiGet(sim, '/athlete', rotated.access_token)).status).toBe(200);
    sim.advanceClock(0.5 * 3600_000 + 1000);
    const expired = await apiGet(sim, '/athlete', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      message: 'Authorization Error',
      errors: [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }],
    });
    expect((await apiGet(sim, '/athlete', rotated.access_token)).status).toBe(200);
  });

  it('expireAccessToken forces the next refresh to issue new tokens; the request log counts it', async () => {
    const tokens = await connectAthlete(sim);
    const before = sim.requestLog.count({ grantType: 'refresh_token' });
    expect(sim.expireAccessToken(tokens.access_token)).toBe(true);
    expect((await apiGet(sim, '/athlete', tokens.access_token)).status).toBe(401);
    const response = await postToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    const fresh = (await response.json()) as { access_token: string };
    expect(fresh.access_token).not.toBe(tokens.access_token);
    expect(sim.requestLog.count({ grantType: 'refresh_token' })).toBe(before + 1);
  });

  it('accepts the token call as JSON on /api/v3/oauth/token and rejects a wrong secret', async () => {
    const consent = await approveConsent(authorizeUrl(sim, 'read'));
    const json = await fetch(`${sim.url}/api/v3/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 4242,
        client_secret: TEST_CLIENT.clientSecret,
        code: consent.code,
        grant_type: 'authorization_code',
      }),
    });
    expect(json.status).toBe(200);
    const wrong = await postToken(sim, {
      client_secret: 'nope',
      grant_type: 'refresh_token',
      refresh_token: 'x',
    });
    expect(wrong.status).toBe(400);
  });

  it('revokes through /oauth/deauthorize and /oauth/revoke (Basic auth); later calls get 401', async () => {
    const first = await connectAthlete(sim, 'read', sim.athletes[0]!.id);
    const deauth = await fetch(`${sim.url}/oauth/deauthorize`, {
      method: 'POST',
      body: new URLSearchParams({ access_token: first.access_token }),
    });
    expect(deauth.status).toBe(200);
    expect((await apiGet(sim, '/athlete', first.access_token)).status).toBe(401);
    expect(
      (await postToken(sim, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).status,
    ).toBe(400);

    const second = await connectAthlete(sim, 'read', sim.athletes[2]!.id);
    const unauthorized = await fetch(`${sim.url}/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: second.refresh_token }),
    });
    expect(unauthorized.status).toBe(401);
    const basic = Buffer.from(`${TEST_CLIENT.clientId}:${TEST_CLIENT.clientSecret}`).toString('base64');
    const revoked = await fetch(`${sim.url}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ token: second.refresh_token, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    expect((await apiGet(sim, '/athlete', second.access_token)).status).toBe(401);
    // Reconnecting issues new tokens and never revives the revoked ones.
    const third = await connectAthlete(sim, 'read', sim.athletes[2]!.id);
    expect((await apiGet(sim, '/athlete', third.access_token)).status).toBe(200);
    expect((await apiGet(sim, '/athlete', second.access_token)).status).toBe(401);
  });

  it('revokes an athlete the way they would on strava.com: tokens die, the refresh is refused', async () => {
    const athlete = sim.athletes[1]!.id;
    const grant = await connectAthlete(sim, 'read', athlete);
    expect((await apiGet(sim, '/athlete', grant.access_token)).status).toBe(200);
    expect(sim.revokeAccess(athlete)).toBe(true);
    expect((await apiGet(sim, '/athlete', grant.access_token)).status).toBe(401);
    expect(
      (await postToken(sim, { grant_type: 'refresh_token', refresh_token: grant.refresh_token })).status,
    ).toBe(400);
    expect(sim.revokeAccess(athlete)).toBe(false);
  });
});
