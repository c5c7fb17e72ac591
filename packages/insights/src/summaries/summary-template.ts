import type { WeeklyAggregates } from './weekly-aggregates.js';

const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
const trend = (change: number, unit: string, up = 'up', down = 'down') =>
  change === 0 ? 'unchanged' : `${change > 0 ? up : down} ${n(Math.abs(change))}${unit}`;
const SPORT = (sport: string) => sport.replaceAll('_', ' ');

/**
 * The deterministic narrative: one sentence per kind of data the week has, every number taken
 * from the aggregates as they are. It passes the number check by construction.
 */
export function templateNarrative(a: WeeklyAggregates): string {
  const lines: string[] = [];
  if (a.steps) {
    const versus =
      a.steps.changePercent === null ? '' : `, ${trend(a.steps.changePercent, ' %')} on the week before`;
    lines.push(`You walked ${n(a.steps.total)} steps, ${n(a.steps.dailyAverage)} a day on average${versus}.`);
  }
  if (a.activeEnergy) lines.push(`You burned ${n(a.activeEnergy.totalKcal)} kcal of active energy.`);
  if (a.sleep) {
    const s = a.sleep;
    const before =
      s.previousAverageMinutes === null ? '' : ` (the week before: ${n(s.previousAverageMinutes)} min)`;
    lines.push(
      `You slept ${n(s.averageHours)} h ${n(s.averageRestMinutes)} min a night on average over ${n(s.nights)} nights${before}, with ${n(s.stageAverageMinutes.deep)} min of deep and ${n(s.stageAverageMinutes.rem)} min of REM sleep.`,
    );
  }
  const w = a.workouts;
  if (w.count > 0) {
    const sports = w.bySport
      .map((s) => `${n(s.count)} ${SPORT(s.sport)} (${n(s.minutes)} min${s.km > 0 ? `, ${n(s.km)} km` : ''})`)
      .join(', ');
    lines.push(`You trained ${n(w.count)} times for ${n(w.totalMinutes)} min: ${sports}.`);
  } else {
    lines.push('No workouts this week.');
  }
  if (a.restingHeartRate) {
    const r = a.restingHeartRate;
    const versus = r.previousAverage === null ? '' : ` (the week before: ${n(r.previousAverage)})`;
    lines.push(`Your resting heart rate averaged ${n(r.average)} bpm${versus}.`);
  }
  if (a.hrv) {
    const versus =
      a.hrv.previousAverageMs === null ? '' : ` (the week before: ${n(a.hrv.previousAverageMs)} ms)`;
    lines.push(`Your heart-rate variability averaged ${n(a.hrv.averageMs)} ms${versus}.`);
  }
  if (a.weight) {
    const change = a.weight.changeKg === null ? '' : `, ${trend(a.weight.changeKg, ' kg')} over the week`;
    lines.push(`Your latest weight was ${n(a.weight.latestKg)} kg${change}.`);
  }
  return lines.join(' ');
}
