import { approveConsent } from '../consent/consent-driver.js';
import type { StravaSimulator } from './strava-simulator-handle.js';

export const TEST_CLIENT = { clientId: '4242', clientSecret: 'sim-secret' } as const;
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export interface StravaTestTokens {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_at: number;
  readonly expires_in: number;
  readonly athlete?: { readonly id: number; readonly firstname: string };
}

export function authorizeUrl(sim: StravaSimulator, scope: string, state = 'st-1'): string {
  const url = new URL(sim.baseUrls.authorize);
  url.search = new URLSearchParams({
    client_id: TEST_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    approval_prompt: 'auto',
    scope,
    state,
  }).toString();
  return url.href;
}

export async function postToken(sim: StravaSimulator, params: Record<string, string>): Promise<Response> {
  return fetch(sim.baseUrls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: TEST_CLIENT.clientId,
      client_secret: TEST_CLIENT.clientSecret,
      ...params,
    }),
  });
}

/** Runs the whole consent + code exchange for the logged-in (or given) athlete. */
export async function connectAthlete(
  sim: StravaSimulator,
  scope = 'read,activity:read_all,activity:write',
  athleteId?: number,
): Promise<StravaTestTokens> {
  if (athleteId !== undefined) sim.loginAs(athleteId);
  const consent = await approveConsent(authorizeUrl(sim, scope));
  if (consent.code === undefined) throw new Error(`consent gave no code: ${consent.location}`);
  const response = await postToken(sim, { code: consent.code, grant_type: 'authorization_code' });
  if (response.status !== 200) throw new Error(`code exchange answered ${response.status}`);
  return (await response.json()) as StravaTestTokens;
}

export async function apiGet(sim: StravaSimulator, path: string, accessToken: string): Promise<Response> {
  return fetch(`${sim.baseUrls.api}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}
