/**
 * A PING or `activityFiles` entry names a URL we then fetch WITH THE USER'S TOKEN. Fetching any
 * URL a request body names would hand that token to whoever forged the body, so only URLs on
 * the configured Garmin API origin under the wellness API are followed.
 */
export function isGarminCallbackUrl(candidate: string, apiBaseUrl: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  const api = new URL(apiBaseUrl);
  return url.origin === api.origin && url.pathname.startsWith('/wellness-api/rest/') && url.username === '';
}
