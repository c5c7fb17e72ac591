/** One sample of a Prometheus text exposition. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses the text format enough for tests: samples with their labels; comments skipped. */
export function parseMetricsText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

/** Sum of the samples of `name` whose labels include `where`. */
export function sumOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

/**
 * Label values that look like user data: UUIDs, long numbers (provider ids), emails, decimals
 * (health values), long hex or base64 runs (tokens). Bounded labels never match.
 */
export function suspiciousLabelValues(samples: readonly Sample[]): string[] {
  const looksLikeData = [
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
    /\d{5,}/,
    /@/,
    /^-?\d+\.\d+$/,
    /[0-9a-f]{16,}/i,
    /[A-Za-z0-9+/_-]{32,}/,
  ];
  const found = new Set<string>();
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample.labels)) {
      // `le` and `quantile` are bucket bounds by design.
      if (key === 'le' || key === 'quantile') continue;
      if (looksLikeData.some((pattern) => pattern.test(value)))
        found.add(`${sample.name}{${key}="${value}"}`);
    }
  }
  return [...found];
}
