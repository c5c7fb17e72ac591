import type { ConflictStrategy } from '../api/types.js';

export const STRATEGY_WORDS: Readonly<Record<ConflictStrategy, { label: string; help: string }>> = {
  source_wins: {
    label: 'The source wins',
    help: 'When the destination already has a different record for the same time, the source’s record is written.',
  },
  destination_wins: {
    label: 'The destination wins',
    help: 'A different record already at the destination is kept; nothing is written over it.',
  },
  newest: { label: 'The newest wins', help: 'Whichever record was changed last is kept.' },
  keep_both: { label: 'Keep both', help: 'Both records stay; the source’s is added next to the other.' },
  ask: { label: 'Ask me', help: 'SyncWell stops and shows you both versions side by side to choose.' },
  ai_suggestion: {
    label: 'Suggest, then ask',
    help: 'SyncWell suggests a choice; when it cannot, it follows “the source wins”.',
  },
};

export const SCHEDULE_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 120, label: 'Every 2 hours' },
  { minutes: 360, label: 'Every 6 hours' },
  { minutes: 720, label: 'Every 12 hours' },
  { minutes: 1440, label: 'Once a day' },
];

export function scheduleLabel(minutes: number): string {
  return SCHEDULE_CHOICES.find((choice) => choice.minutes === minutes)?.label ?? `Every ${minutes} minutes`;
}
