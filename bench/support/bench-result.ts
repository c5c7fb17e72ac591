/** A goal from issue 3, checked against a measured value. */
export interface GoalCheck {
  readonly goal: string;
  readonly pass: boolean;
}

/** What every benchmark returns: its figure, the bare limit of the same run, their ratio. */
export interface BenchResult {
  readonly id: `P${number}`;
  readonly title: string;
  readonly figure: { readonly value: number; readonly unit: string };
  readonly bare: { readonly value: number; readonly unit: string; readonly what: string };
  /** figure / bare. */
  readonly ratio: number;
  readonly goals: readonly GoalCheck[];
  /** Secondary measurements (latency percentiles, RSS, errors), one short line each. */
  readonly details: readonly string[];
}

export function goal(description: string, pass: boolean): GoalCheck {
  return { goal: description, pass };
}

export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table (stdout) that also pastes into Markdown. */
export function resultTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.id,
    r.title,
    `${fmt(r.figure.value, r.figure.value < 100 ? 1 : 0)} ${r.figure.unit}`,
    `${fmt(r.bare.value, r.bare.value < 100 ? 1 : 0)} ${r.bare.unit} (${r.bare.what})`,
    `${fmt(r.ratio * 100, 1)} %`,
    r.goals.map((g) => `${g.pass ? 'pass' : 'MISS'} ${g.goal}`).join('; '),
  ]);
  const header = ['', 'benchmark', 'figure', 'bare limit (same run)', 'ratio', 'goals'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const details = results.flatMap((r) => r.details.map((d) => `  ${r.id}: ${d}`));
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...details].join('\n');
}
