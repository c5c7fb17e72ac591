/** What `syncwell start` (and the dev launcher's `npm start`) prints once everything listens. */
export interface StartBanner {
  /** One line: what is running. */
  readonly headline: string;
  /** Label and URL (or path) pairs, aligned in a column. */
  readonly rows: readonly (readonly [label: string, value: string])[];
  /** The banner ends with these, numbered: what a new user does next. */
  readonly nextSteps: readonly string[];
}

const LABEL_WIDTH = 26;

/**
 * @example
 *   console.log(renderStartBanner({ headline: 'SyncWell is running', rows: [['API', url]], nextSteps: ['Open /docs'] }));
 */
export function renderStartBanner(banner: StartBanner): string {
  const rows = banner.rows.map(([label, value]) => `  ${label.padEnd(LABEL_WIDTH)}${value}`);
  const steps = banner.nextSteps.map((step, index) => `  ${index + 1}. ${step}`);
  return [banner.headline, '', ...rows, '', 'Next:', ...steps].join('\n');
}
