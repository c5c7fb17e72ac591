import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent } from '../consent/consent-driver.js';
import { GARMIN_HISTORY_CHECKBOX } from './garmin-oauth-routes.js';
import type { GarminSimulator } from './garmin-simulator-handle.js';
import { startGarminSimulator } from './garmin-simulator.js';

const CLIENT = { clientId: 'garmin-consent-client', clientSecret: 'garmin-consent-secret' };
const REDIRECT = 'http://127.0.0.1:9/cb';
const VERIFIER = 'v'.repeat(43);

/** Garmin's consent shows one toggle per portal permission; historical data is off by default. */
describe('Garmin simulator consent page', () => {
  let sim: GarminSimulator;

  beforeAll(async () => {
    sim = await startGarminSimulator({ ...CLIENT, seed: 3, users: 1, workoutsPerUser: 0, healthDays: 0 });
  });
  afterAll(() => sim.close());

  const authorizeUrl = () =>
    `${sim.baseUrls.authorize}?${new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT,
      state: 's',
      code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString()}`;

  /** Consents, redeems the code and asks Garmin which permissions the user granted. */
  async function connectAndReadPermissions(checkboxes?: Record<string, boolean>): Promise<string[]> {
    const { code } = await approveConsent(authorizeUrl(), checkboxes === undefined ? {} : { checkboxes });
    const token = (await (
      await fetch(sim.baseUrls.token, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          ...{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
          code: code ?? '',
          redirect_uri: REDIRECT,
          code_verifier: VERIFIER,
        }),
      })
    ).json()) as { access_token: string };
    const answer = await fetch(`${sim.url}/wellness-api/rest/user/permissions`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    return ((await answer.json()) as { permissions: string[] }).permissions;
  }

  it('shows the historical-data toggle unticked, and a plain consent does not grant it', async () => {
    const page = await (await fetch(authorizeUrl())).text();
    expect(page).toContain(`type="checkbox" name="${GARMIN_HISTORY_CHECKBOX}" value="granted">`);
    expect(await connectAndReadPermissions()).not.toContain('HISTORICAL_DATA_EXPORT');
  });

  it('grants HISTORICAL_DATA_EXPORT when the toggle is ticked, shows it ticked next time, and withdraws it when cleared', async () => {
    expect(await connectAndReadPermissions({ [GARMIN_HISTORY_CHECKBOX]: true })).toContain(
      'HISTORICAL_DATA_EXPORT',
    );
    expect(await (await fetch(authorizeUrl())).text()).toContain('value="granted" checked>');
    expect(await connectAndReadPermissions({ [GARMIN_HISTORY_CHECKBOX]: false })).not.toContain(
      'HISTORICAL_DATA_EXPORT',
    );
  });
});
