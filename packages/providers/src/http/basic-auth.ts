/** `Authorization: Basic ...` for client credentials (RFC 6749 §2.3.1 form-encodes both parts). */
export function basicAuthHeader(clientId: string, clientSecret: string): string {
  const user = encodeURIComponent(clientId);
  const pass = encodeURIComponent(clientSecret);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): URL {
  const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
  const trimmedPath = path.startsWith('/') ? path : `/${path}`;
  return new URL(trimmedBase + trimmedPath);
}
