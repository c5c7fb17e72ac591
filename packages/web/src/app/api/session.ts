import { ApiError, apiErrorFrom, NETWORK_ERROR_CODE } from './api-error.js';
import { CSRF_HEADER, readCsrfToken } from './csrf-cookie.js';

interface AccessGrant {
  readonly accessToken: string;
  readonly expiresIn: number;
}

export type SessionState = 'unknown' | 'signed_in' | 'signed_out';

/** Refresh this share of the way through the access token's life, so a request never meets an expired one. */
const REFRESH_AT_FRACTION = 0.8;
const COOKIE_SESSION = '/v1/sessions/cookie';

/**
 * The browser's session. The access token lives in this object only (memory: gone on reload,
 * never in storage); the refresh token is an httpOnly cookie the scripts cannot read, renewed
 * through `/v1/sessions/cookie/refresh` in the background before the access token expires and
 * once on start-up (a reload, or the return from a provider's consent page).
 */
export class Session {
  private accessToken: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private inflightRefresh: Promise<boolean> | null = null;
  private state: SessionState = 'unknown';
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(private readonly baseUrl = '') {}

  get current(): SessionState {
    return this.state;
  }

  get token(): string | null {
    return this.accessToken;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async logIn(email: string, password: string): Promise<void> {
    const grant = await this.post<AccessGrant>(COOKIE_SESSION, { email, password });
    this.accept(grant);
  }

  /** Ends the session on the server too; the local state is cleared whatever the server says. */
  async logOut(): Promise<void> {
    try {
      await this.post<null>(COOKIE_SESSION, undefined, 'DELETE');
    } finally {
      this.clear('signed_out');
    }
  }

  /**
   * Trades the refresh cookie for a new access token. Single flight in this tab, and serialised
   * across tabs with a Web Lock: refresh tokens rotate, and two tabs presenting the same one
   * would look like theft to the server, which then ends every session.
   */
  refresh(): Promise<boolean> {
    this.inflightRefresh ??= this.refreshAcrossTabs().finally(() => {
      this.inflightRefresh = null;
    });
    return this.inflightRefresh;
  }

  /** Forget the session locally (the server said the token is no good). */
  expire(): void {
    this.clear('signed_out');
  }

  private async refreshAcrossTabs(): Promise<boolean> {
    if (readCsrfToken() === null) {
      this.clear('signed_out');
      return false;
    }
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks === undefined
      ? this.refreshOnce()
      : locks.request('syncwell-session-refresh', () => this.refreshOnce());
  }

  private async refreshOnce(): Promise<boolean> {
    try {
      this.accept(await this.post<AccessGrant>(`${COOKIE_SESSION}/refresh`, undefined));
      return true;
    } catch (error) {
      // Offline is not signed out: keep what we have and try again on the next call.
      if (error instanceof ApiError && error.code === NETWORK_ERROR_CODE && this.accessToken !== null)
        return false;
      this.clear('signed_out');
      return false;
    }
  }

  private accept(grant: AccessGrant): void {
    this.accessToken = grant.accessToken;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), grant.expiresIn * 1000 * REFRESH_AT_FRACTION);
    this.setState('signed_in');
  }

  private clear(state: SessionState): void {
    this.accessToken = null;
    clearTimeout(this.refreshTimer);
    this.setState(state);
  }

  private setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private async post<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
    const headers: Record<string, string> = {};
    const csrf = readCsrfToken();
    if (csrf !== null) headers[CSRF_HEADER] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR_CODE, 'No answer from the server.');
    }
    if (!response.ok) throw await apiErrorFrom(response);
    return (response.status === 204 ? null : await response.json()) as T;
  }
}
