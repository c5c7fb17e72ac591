import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolarSimulator } from '../polar/polar-simulator.js';
import type { PolarSimulator } from '../polar/polar-simulator.js';
import { ConsentPageError, approveConsent } from './consent-driver.js';
import { renderConsentPage } from './consent-page.js';

describe('approveConsent against the Polar simulator', () => {
  let sim: PolarSimulator;
  const url = (params: Record<string, string>): string =>
    `${sim.baseUrls.authorize}?${new URLSearchParams(params).toString()}`;
  const valid = {
    response_type: 'code',
    client_id: 'cid',
    redirect_uri: 'http://127.0.0.1:9/cb?keep=1',
    state: 'a&b "c"',
  };

  beforeAll(async () => {
    sim = await startPolarSimulator({
      clientId: 'cid',
      clientSecret: 'sec',
      athletes: 2,
      workoutsPerAthlete: 0,
    });
  });
  afterAll(() => sim.close());

  it('allows: redirects to redirect_uri with a code and the state intact (HTML escaping round-trips)', async () => {
    const result = await approveConsent(url(valid));
    expect(result.location.startsWith('http://127.0.0.1:9/cb?')).toBe(true);
    expect(result.params.keep).toBe('1');
    expect(result.code).toMatch(/^[0-9a-f]{32}$/);
    expect(result.state).toBe('a&b "c"');
    expect(result.error).toBeUndefined();
  });

  it('denies: access_denied with state, no code', async () => {
    const result = await approveConsent(url(valid), { decision: 'deny' });
    expect(result).toMatchObject({ error: 'access_denied', state: 'a&b "c"', code: undefined });
  });

  it('submits the logged-in athlete, or the one given', async () => {
    const page = await (await fetch(url(valid))).text();
    expect(page).toContain(`name="athlete_id" value="${sim.athletes[0]!.id}"`);
    sim.loginAs(sim.athletes[1]!.id);
    expect(await (await fetch(url(valid))).text()).toContain(`value="${sim.athletes[1]!.id}"`);
    // An athlete the provider does not know cannot grant access.
    expect((await approveConsent(url(valid), { athleteId: '1' })).error).toBe('access_denied');
  });

  it('throws ConsentPageError for a missing redirect_uri or an unknown client', async () => {
    const { redirect_uri: _omit, ...noRedirect } = valid;
    await expect(approveConsent(url(noRedirect))).rejects.toBeInstanceOf(ConsentPageError);
    await expect(approveConsent(url({ ...valid, client_id: 'nope' }))).rejects.toMatchObject({ status: 400 });
  });
});

describe('renderConsentPage', () => {
  it('renders exactly one consent form with escaped hidden fields and both decisions', () => {
    const html = renderConsentPage({ action: '/authorize', appName: 'X', fields: { state: '<"&>' } });
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('<input type="hidden" name="state" value="&lt;&quot;&amp;&gt;">');
    expect(html).toContain('<button name="decision" value="allow">');
    expect(html).toContain('<button name="decision" value="deny">');
  });
});
