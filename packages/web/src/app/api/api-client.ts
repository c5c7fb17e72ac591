import { ApiError, apiErrorFrom, NETWORK_ERROR_CODE } from './api-error.js';
import type { Session } from './session.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls the public /v1 API with the session's access token. A 401 gets one background refresh
 * and one retry; a second 401 ends the session (the app then shows the log-in page).
 */
export class ApiClient {
  constructor(
    readonly session: Session,
    private readonly baseUrl = '',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  delete(path: string): Promise<null> {
    return this.call<null>('DELETE', path);
  }

  /** For streams (server-sent events): the raw response, after the same auth handling. */
  async open(path: string, signal: AbortSignal): Promise<Response> {
    return this.send('GET', path, undefined, signal);
  }

  async call<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return null as T;
    return (await response.json()) as T;
  }

  private async send(method: HttpMethod, path: string, body: unknown, signal?: AbortSignal) {
    let response = await this.fetchOnce(method, path, body, signal);
    if (response.status === 401 && this.session.token !== null) {
      if (await this.session.refresh()) response = await this.fetchOnce(method, path, body, signal);
    }
    if (response.status === 401) this.session.expire();
    if (!response.ok) throw await apiErrorFrom(response);
    return response;
  }

  private async fetchOnce(method: HttpMethod, path: string, body: unknown, signal?: AbortSignal) {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.session.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        // The API is not cacheable by anyone: health data and tokens (the service worker never sees it).
        cache: 'no-store',
        ...(signal === undefined ? {} : { signal }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      throw new ApiError(0, NETWORK_ERROR_CODE, 'No answer from the server.');
    }
  }
}
