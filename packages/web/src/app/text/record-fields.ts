import type { RecordField } from '../api/types.js';

const LABELS: Readonly<Record<string, string>> = {
  name: 'Title',
  sport: 'Sport',
  startTime: 'Start',
  endTime: 'End',
  movingTime: 'Moving time',
  distance: 'Distance',
  energy: 'Energy',
  'heartRate.average': 'Average heart rate',
  'heartRate.maximum': 'Maximum heart rate',
  laps: 'Laps',
  track: 'GPS points',
  weight: 'Weight',
  bodyFat: 'Body fat',
  steps: 'Steps',
};

export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known !== undefined) return known;
  const words = key
    .replace(/[._]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A value with its unit in everyday words: 10.2 km, 1 h 02 min, 152 bpm. */
export function fieldValue(field: RecordField): string {
  const { value, unit } = field;
  if (typeof value === 'string') {
    if (unit === 'instant') return DATE_TIME.format(new Date(value));
    return value.replace(/_/g, ' ');
  }
  switch (unit) {
    case 'm':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} km` : `${Math.round(value)} m`;
    case 's':
      return duration(value);
    case 'kcal':
      return `${Math.round(value)} kcal`;
    case '/min':
      return `${Math.round(value)} bpm`;
    case 'count':
      return String(value);
    case null:
      return String(value);
    default:
      return `${value} ${unit}`;
  }
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s).padStart(2, '0')} s`;
}
