import type { DataType } from '../api/types.js';

export const DATA_TYPE_LABELS: Readonly<Record<DataType, string>> = {
  workout: 'Workouts',
  daily_activity: 'Daily activity',
  sleep: 'Sleep',
  body_measurement: 'Weight and body fat',
  heart_rate: 'Heart rate',
  hrv: 'Heart-rate variability',
  spo2: 'Blood oxygen',
};

/** "Workouts, Sleep and Heart rate" */
export function dataTypeList(types: readonly DataType[]): string {
  const labels = types.map((type, index) => {
    const label = DATA_TYPE_LABELS[type];
    return index === 0 ? label : label.toLowerCase();
  });
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}`;
}
