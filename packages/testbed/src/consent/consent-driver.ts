export interface ConsentOptions {
  /** Default `allow`. */
  readonly decision?: 'allow' | 'deny';
  /** Overrides the page's `athlete_id` (normally the simulator's logged-in athlete). */
  readonly athleteId?: string;
  /** Ticks (true) or clears (false) the page's checkboxes by name; others keep their default. */
  readonly checkboxes?: Readonly<Record<string, boolean>>;
}

export interface ConsentResult {
  /** The full redirect target the provider sent the browser to. */
  readonly location: string;
  readonly code: string | undefined;
  readonly state: string | undefined;
  readonly error: string | undefined;
  /** Every query parameter of the redirect, for provider extras (Strava's `scope`, ...). */
  readonly params: Readonly<Record<string, string>>;
}

/** The authorize endpoint refused the request (unknown client, no redirect_uri, ...). */
export class ConsentPageError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`authorize page answered ${status}: ${body.slice(0, 200)}`);
    this.name = 'ConsentPageError';
  }
}

/**
 * Plays the user's browser on a simulator's consent page: loads the authorize URL, submits the
 * `consent` form with the chosen decision and returns where the provider redirects to.
 *
 * @example
 *   const { code, state } = await approveConsent(authorizeUrl);
 */
export async function approveConsent(
  authorizeUrl: string,
  options: ConsentOptions = {},
): Promise<ConsentResult> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new ConsentPageError(page.status, html);

  const form = /<form\b[^>]*\bid="consent"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  const action = form === null ? undefined : /\baction="([^"]*)"/.exec(form[0])?.[1];
  if (form?.[1] === undefined || action === undefined)
    throw new ConsentPageError(page.status, 'no consent form');

  const fields = new URLSearchParams();
  for (const input of form[1].matchAll(/<input\b[^>]*>/g)) {
    const rawName = /\bname="([^"]*)"/.exec(input[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (rawName === undefined) continue;
    const name = unescapeHtml(rawName);
    if (/\btype="checkbox"/.test(input[0])) {
      // As a browser does: a checkbox is posted only when ticked.
      const ticked = options.checkboxes?.[name] ?? /\bchecked\b/.test(input[0]);
      if (ticked) fields.set(name, unescapeHtml(value));
    } else fields.set(name, unescapeHtml(value));
  }
  if (options.athleteId !== undefined) fields.set('athlete_id', options.athleteId);
  fields.set('decision', options.decision ?? 'allow');

  const answer = await fetch(new URL(unescapeHtml(action), authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) {
    throw new ConsentPageError(answer.status, await answer.text());
  }
  await answer.body?.cancel();
  const params = Object.fromEntries(new URL(location).searchParams);
  return { location, code: params.code, state: params.state, error: params.error, params };
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
