import { useServices } from '../app-context.js';
import type { WeeklySummary } from '../api/types.js';
import { BarChart, StackedBar, type BarRow } from '../components/charts.js';
import { ErrorNotice, Loading } from '../components/feedback.js';
import { Page } from '../components/page.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

const n = (value: number) => NUMBER.format(value);
/** 432 → "7 h 12 min" */
const duration = (minutes: number) =>
  minutes >= 60
    ? `${Math.floor(minutes / 60)} h ${String(Math.round(minutes % 60)).padStart(2, '0')} min`
    : `${Math.round(minutes)} min`;
/** A local date span as "25 May – 31 May". */
const span = (s: { from: string; to: string }) =>
  `${DAY.format(new Date(`${s.from}T00:00:00Z`))} – ${DAY.format(new Date(`${s.to}T00:00:00Z`))}`;
const sportWords = (sport: string) => {
  const words = sport.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** This week and, when there is one, last week, as two bars on one scale. */
function weekRows(current: number, previous: number | null, text: (value: number) => string): BarRow[] {
  const rows: BarRow[] = [{ label: 'This week', value: current, text: text(current), tone: 'current' }];
  if (previous !== null)
    rows.push({ label: 'Last week', value: previous, text: text(previous), tone: 'previous' });
  return rows;
}

/**
 * Journey 8: the weekly summary. The numbers come from the insights service, recomputed from the
 * person's sources for this request (nothing is stored, here or there); the charts draw them.
 */
export function InsightsScreen() {
  const { api } = useServices();
  const [summary] = useResource('summary', () =>
    api.get<{ summary: WeeklySummary }>('/v1/insights/summaries/latest').then((r) => r.summary),
  );
  return (
    <Page title="Your week">
      <p>
        <Link to="/insights/help">Something not syncing? Ask the troubleshooter</Link>
      </p>
      {summary.state === 'loading' ? <Loading what="your week" /> : null}
      {summary.state === 'failed' ? <ErrorNotice error={summary.error} /> : null}
      {summary.state === 'ready' ? <Summary summary={summary.value} /> : null}
    </Page>
  );
}

function Summary({ summary }: { summary: WeeklySummary }) {
  const { steps, activeEnergy, sleep, workouts, restingHeartRate, hrv, weight } = summary.aggregates;
  return (
    <>
      <p className="lead">
        {/* The weeks follow the real clock: screenshot tests mask them. */}
        <span data-volatile="">
          {span(summary.week)}, against {span(summary.previousWeek)}
        </span>{' '}
        ({summary.timeZone}).
      </p>
      <section className="card" aria-labelledby="summary-text">
        <h2 id="summary-text">In short</h2>
        <p className="summary-text">{summary.text}</p>
        <p className="muted">
          {summary.writer === 'llm'
            ? 'Written by a language model; every number checked.'
            : 'Computed from your sources just now.'}
        </p>
      </section>
      <div className="cards-grid charts">
        <section className="card" aria-labelledby="workouts">
          <h2 id="workouts">Workouts</h2>
          <p>
            {workouts.count} {workouts.count === 1 ? 'workout' : 'workouts'},{' '}
            {duration(workouts.totalMinutes)}, {n(workouts.totalKm)} km
          </p>
          <BarChart
            title="Workouts per week"
            rows={weekRows(workouts.count, workouts.previousCount, (v) => `${v}`)}
          />
          {workouts.bySport.length === 0 ? null : (
            <BarChart
              title="Time by sport this week"
              rows={workouts.bySport.map((s) => ({
                label: sportWords(s.sport),
                value: s.minutes,
                text: `${duration(s.minutes)}${s.km > 0 ? `, ${n(s.km)} km` : ''}`,
                tone: 'current' as const,
              }))}
            />
          )}
        </section>
        {steps === null ? null : (
          <section className="card" aria-labelledby="steps">
            <h2 id="steps">Steps</h2>
            <p>
              {n(steps.total)} steps, {n(steps.dailyAverage)} a day over {steps.days} days
              {steps.changePercent === null
                ? ''
                : ` (${steps.changePercent > 0 ? '+' : ''}${steps.changePercent} %)`}
            </p>
            <BarChart title="Steps per week" rows={weekRows(steps.total, steps.previousTotal, n)} />
          </section>
        )}
        {activeEnergy === null ? null : (
          <section className="card" aria-labelledby="energy">
            <h2 id="energy">Active energy</h2>
            <BarChart
              title="Active energy per week"
              rows={weekRows(activeEnergy.totalKcal, activeEnergy.previousTotalKcal, (v) => `${n(v)} kcal`)}
            />
          </section>
        )}
        {sleep === null ? null : (
          <section className="card" aria-labelledby="sleep">
            <h2 id="sleep">Sleep</h2>
            <p>
              {duration(sleep.averageMinutes)} a night on average over {sleep.nights}{' '}
              {sleep.nights === 1 ? 'night' : 'nights'}
            </p>
            <BarChart
              title="Average night"
              rows={weekRows(sleep.averageMinutes, sleep.previousAverageMinutes, duration)}
            />
            <StackedBar
              title="Stages of an average night"
              segments={[
                {
                  label: 'Deep',
                  value: sleep.stageAverageMinutes.deep,
                  text: duration(sleep.stageAverageMinutes.deep),
                },
                {
                  label: 'REM',
                  value: sleep.stageAverageMinutes.rem,
                  text: duration(sleep.stageAverageMinutes.rem),
                },
                {
                  label: 'Light',
                  value: sleep.stageAverageMinutes.light,
                  text: duration(sleep.stageAverageMinutes.light),
                },
                {
                  label: 'Awake',
                  value: sleep.stageAverageMinutes.awake,
                  text: duration(sleep.stageAverageMinutes.awake),
                },
              ]}
            />
          </section>
        )}
        {restingHeartRate === null && hrv === null && weight === null ? null : (
          <section className="card" aria-labelledby="body">
            <h2 id="body">Heart and body</h2>
            <dl className="facts">
              {restingHeartRate === null ? null : (
                <>
                  <dt>Resting heart rate</dt>
                  <dd>
                    {restingHeartRate.average} bpm
                    {restingHeartRate.previousAverage === null
                      ? ''
                      : ` (last week ${restingHeartRate.previousAverage})`}
                  </dd>
                </>
              )}
              {hrv === null ? null : (
                <>
                  <dt>Heart-rate variability</dt>
                  <dd>
                    {hrv.averageMs} ms
                    {hrv.previousAverageMs === null ? '' : ` (last week ${hrv.previousAverageMs})`}
                  </dd>
                </>
              )}
              {weight === null ? null : (
                <>
                  <dt>Weight</dt>
                  <dd>
                    {n(weight.latestKg)} kg
                    {weight.changeKg === null
                      ? ''
                      : ` (${weight.changeKg > 0 ? '+' : ''}${n(weight.changeKg)} kg)`}
                  </dd>
                </>
              )}
            </dl>
          </section>
        )}
      </div>
    </>
  );
}
