/** One toggle on a consent page; a browser posts `name=value` only when it is ticked. */
export interface ConsentCheckbox {
  readonly name: string;
  readonly value: string;
  readonly label: string;
  readonly checked: boolean;
}

/**
 * The consent page every simulator serves at its authorize path, in the one shape the consent
 * driver understands: a single `<form id="consent">` holding the request as hidden inputs and
 * two `decision` buttons. Keeping the markup in one place is what lets one driver serve all.
 *
 * @example
 *   reply.type('text/html').send(renderConsentPage({ action: '/oauth2/authorization', appName: 'Polar Flow', fields }));
 */
export function renderConsentPage(page: {
  readonly action: string;
  readonly appName: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Optional grants the user toggles (Garmin's historical-data permission); posted only when ticked. */
  readonly checkboxes?: readonly ConsentCheckbox[];
}): string {
  const hidden = Object.entries(page.fields).map(
    ([name, value]) => `    <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
  );
  const toggles = (page.checkboxes ?? []).map(
    (box) =>
      `    <label><input type="checkbox" name="${escapeHtml(box.name)}" value="${escapeHtml(box.value)}"${box.checked ? ' checked' : ''}> ${escapeHtml(box.label)}</label>`,
  );
  const inputs = [...hidden, ...toggles].join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(page.appName)}: authorize access</title></head>
<body>
  <h1>${escapeHtml(page.appName)}</h1>
  <p>An application asks to read your data.</p>
  <form id="consent" method="post" action="${escapeHtml(page.action)}">
${inputs}
    <button name="decision" value="allow">Allow</button>
    <button name="decision" value="deny">Deny</button>
  </form>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
