/** A failed API call: the catalogue's `{ code, message, details }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    /** Seconds the server asked us to wait (Retry-After), when it said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the request never got an answer (offline, server down, connection reset). */
export const NETWORK_ERROR_CODE = 'NETWORK';

export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall back to the status alone.
  }
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.code, body.message, body.details ?? {}, retryAfterSeconds);
  }
  const code = response.status === 429 ? 'SW_RATE_LIMITED' : `HTTP_${response.status}`;
  return new ApiError(response.status, code, response.statusText, {}, retryAfterSeconds);
}

function isErrorBody(
  value: unknown,
): value is { code: string; message: string; details?: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}
