import { useId } from 'react';

/*
 * Two small chart components, drawn as SVG by hand: a chart library would cost more of the 200 KB
 * budget than everything else on the screen. Each chart is one image to assistive technology
 * (role="img") named by a sentence holding every number it draws, and the same numbers are
 * printed beside the bars, so nothing depends on seeing the bar lengths. Colours come from the
 * stylesheet (classes), never inline styles, for the CSP.
 */

export interface BarRow {
  readonly label: string;
  readonly value: number;
  /** The value as people read it: "42,100 steps", "7 h 12 min". */
  readonly text: string;
  /** `current` (this week) or `previous`: the stylesheet colours them. */
  readonly tone: 'current' | 'previous';
}

const WIDTH = 320;
const LABEL_WIDTH = 88;
const VALUE_WIDTH = 92;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;

/** Horizontal bars on one scale (zero to the largest value), e.g. this week against last week. */
export function BarChart({ title, rows }: { title: string; rows: readonly BarRow[] }) {
  const id = useId();
  const max = Math.max(...rows.map((r) => r.value), 0);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = rows.length * ROW_HEIGHT;
  const description = `${title}: ${rows.map((r) => `${r.label} ${r.text}`).join('; ')}.`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{description}</title>
        {rows.map((row, index) => {
          const y = index * ROW_HEIGHT;
          const length = max === 0 ? 0 : Math.max((row.value / max) * barSpace, row.value > 0 ? 2 : 0);
          return (
            <g key={row.label}>
              <text x={0} y={y + ROW_HEIGHT / 2} dominantBaseline="middle" className="chart-label">
                {row.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2}
                width={length}
                height={BAR_HEIGHT}
                rx={3}
                className={`chart-bar chart-bar-${row.tone}`}
              />
              <text
                x={LABEL_WIDTH + length + 6}
                y={y + ROW_HEIGHT / 2}
                dominantBaseline="middle"
                className="chart-value"
              >
                {row.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface Segment {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/** One bar split into parts (a night's stages), with a legend that repeats every number. */
export function StackedBar({ title, segments }: { title: string; segments: readonly Segment[] }) {
  const id = useId();
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const description = `${title}: ${segments.map((s) => `${s.label} ${s.text}`).join('; ')}.`;
  let x = 0;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${WIDTH} 24`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{description}</title>
        {segments.map((segment, index) => {
          const width = total === 0 ? 0 : (segment.value / total) * WIDTH;
          const rect = (
            <rect
              key={segment.label}
              x={x}
              y={0}
              width={width}
              height={24}
              className={`chart-segment chart-segment-${index}`}
            />
          );
          x += width;
          return rect;
        })}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {segments.map((segment, index) => (
          <li key={segment.label}>
            <span className={`chart-swatch chart-segment-${index}`} />
            {segment.label} {segment.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
