/**
 * The web app's Content-Security-Policy (served by helmet on the app's routes only: Swagger UI at
 * /docs needs inline code and keeps helmet's other headers). Everything comes from this origin;
 * no inline script or style is allowed, so an injected `<script>` or `style=""` does nothing.
 * The app talks to `/v1` on the same origin and to nothing else; a provider's consent page is a
 * top-level navigation, which CSP does not restrict.
 */
export function webAppCspDirectives(publicUrl: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  // Only where the app itself is on https: on http://127.0.0.1 it would break every subresource.
  if (publicUrl.startsWith('https:')) directives.upgradeInsecureRequests = [];
  return directives;
}
