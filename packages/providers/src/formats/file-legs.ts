import type { Workout } from '@syncwell/core';

/**
 * What a summary-plus-file mapping takes from a multisport file besides its track and laps: the
 * legs, sport `multisport`, and a span wide enough to hold every leg (a summary's rounded
 * duration may end a second before the file's last leg). Nothing for a file without legs.
 *
 * @example
 *   const candidate = { ...fromSummary, ...multisportFromFile(fit, fromSummary) };
 */
export function multisportFromFile(
  file: Workout | null,
  summary: { readonly startTime: string; readonly endTime: string },
): Partial<Pick<Workout, 'sport' | 'legs' | 'startTime' | 'endTime'>> {
  if (file?.legs === undefined) return {};
  const earliest = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);
  const latest = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);
  return {
    sport: 'multisport',
    legs: file.legs,
    startTime: earliest(summary.startTime, file.startTime),
    endTime: latest(summary.endTime, file.endTime),
  };
}
