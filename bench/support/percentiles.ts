/** Nearest-rank percentile of numbers sorted ascending; NaN for an empty list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Completions per second between the `from`-th and `to`-th percentile completion times: the
 * steady part of a drain, without the ramp-up (connections, JIT) and the thinning tail.
 */
export function steadyRate(completionTimesMs: readonly number[], from = 10, to = 90): number {
  const sorted = [...completionTimesMs].sort((a, b) => a - b);
  if (sorted.length < 10) {
    const span = (sorted.at(-1) ?? 0) - (sorted[0] ?? 0);
    return span > 0 ? ((sorted.length - 1) * 1_000) / span : Number.NaN;
  }
  const start = percentile(sorted, from);
  const end = percentile(sorted, to);
  const completed = Math.round(((to - from) / 100) * sorted.length);
  return end > start ? (completed * 1_000) / (end - start) : Number.NaN;
}
