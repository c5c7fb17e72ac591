const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface ConsentPageInput {
  readonly action: string;
  readonly appName: string;
  readonly athleteName: string;
  /** Every field of the request, `athlete_id` and the comma-separated `scope` included. */
  readonly hiddenFields: Readonly<Record<string, string>>;
  readonly requestedScopes: readonly string[];
}

/**
 * The shared consent-page convention: one `form#consent` of hidden fields and allow/deny
 * buttons. A browser user can untick scopes: the checkboxes are not posted themselves; a small
 * script rewrites the hidden `scope` from them, so a driver that posts only hidden fields still
 * grants exactly what was requested.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.hiddenFields)
    .map(
      ([name, value]) => `    <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n');
  const boxes = input.requestedScopes
    .map(
      (scope) =>
        `    <label><input type="checkbox" class="scope-option" value="${escapeHtml(scope)}" checked> ${escapeHtml(scope)}</label><br>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorize ${escapeHtml(input.appName)} | Strava (simulated)</title></head>
<body>
  <h1>Authorize ${escapeHtml(input.appName)} to connect to Strava</h1>
  <p>Logged in as ${escapeHtml(input.athleteName)}</p>
  <form id="consent" method="post" action="${escapeHtml(input.action)}">
${hidden}
${boxes}
    <button type="submit" name="decision" value="allow">Authorize</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
  <script>
    document.getElementById('consent').addEventListener('submit', function () {
      var ticked = Array.prototype.filter.call(document.querySelectorAll('.scope-option'), function (b) { return b.checked; });
      this.querySelector('input[type=hidden][name=scope]').value = ticked.map(function (b) { return b.value; }).join(',');
    });
  </script>
</body>
</html>
`;
}
