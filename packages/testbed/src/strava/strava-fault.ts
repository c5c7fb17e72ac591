/**
 * Strava's `Fault` error body: `{"message","errors":[{"resource","field","code"}]}`. The exact
 * strings are the ones commonly observed from the real API (the provider doc tags them [S/U]).
 */
export interface StravaFaultError {
  readonly resource: string;
  readonly field: string;
  readonly code: string;
}

export interface StravaFault {
  readonly message: string;
  readonly errors: readonly StravaFaultError[];
}

export function fault(message: string, resource: string, field: string, code: string): StravaFault {
  return { message, errors: [{ resource, field, code }] };
}

export const faults = {
  invalidAccessToken: (): StravaFault => fault('Authorization Error', 'Athlete', 'access_token', 'invalid'),
  missingPermission: (permission: string): StravaFault =>
    fault('Authorization Error', 'AccessToken', `${permission}_permission`, 'missing'),
  notFound: (resource: string): StravaFault => fault('Record Not Found', resource, 'id', 'invalid'),
  badRequest: (resource: string, field: string, code = 'invalid'): StravaFault =>
    fault('Bad Request', resource, field, code),
  invalidRefreshToken: (): StravaFault => fault('Bad Request', 'RefreshToken', 'refresh_token', 'invalid'),
  invalidCode: (): StravaFault => fault('Bad Request', 'AuthorizationCode', 'code', 'invalid'),
  rateLimitExceeded: (): StravaFault => fault('Rate Limit Exceeded', 'Application', 'rate limit', 'exceeded'),
  injected: (status: number): StravaFault => ({
    message: status >= 500 ? 'Internal Server Error' : `Error ${status}`,
    errors: [],
  }),
};
