import { instantMs } from '@syncwell/core';
import type { MergeableRecord } from '../conflict-pair.js';
import type { FieldChoice, FieldOrigin } from '../merge-suggestion.js';

type Choices = FieldChoice[];

function recordOf(
  origin: FieldOrigin,
  source: MergeableRecord,
  destination: MergeableRecord,
): MergeableRecord {
  return origin === 'destination' ? destination : source;
}

/** Both choices from the side the model trusts more for them. */
function together(choices: Choices, a: number, b: number): void {
  const x = choices[a];
  const y = choices[b];
  if (x === undefined || y === undefined) return;
  const from = x.confidence >= y.confidence ? x.from : y.from;
  choices[a] = { ...x, from };
  choices[b] = { ...y, from };
}

/**
 * Field-by-field choices must still make a valid record (the merged record is meant to be
 * written): a start from one side and an end from the other must make a span, and a weigh-in
 * needs a weight or a body fat. Where they do not, the pair of fields comes from one side.
 */
export function keepConsistent(
  choices: Choices,
  source: MergeableRecord,
  destination: MergeableRecord,
): void {
  const index = (field: string) => choices.findIndex((c) => c.field === field);
  if ('startTime' in source && 'startTime' in destination) {
    const start = choices[index('startTime')];
    const end = choices[index('endTime')];
    if (start === undefined || end === undefined || start.from === end.from) return;
    const startRecord = recordOf(start.from, source, destination) as typeof source;
    const endRecord = recordOf(end.from, source, destination) as typeof source;
    if (instantMs(endRecord.endTime) <= instantMs(startRecord.startTime)) {
      together(choices, index('startTime'), index('endTime'));
    }
    return;
  }
  if (source.type === 'body_measurement' && destination.type === 'body_measurement') {
    const weight = choices[index('weight')];
    const fat = choices[index('bodyFat')];
    if (weight === undefined || fat === undefined) return;
    const w = recordOf(weight.from, source, destination);
    const f = recordOf(fat.from, source, destination);
    if (
      w.type === 'body_measurement' &&
      f.type === 'body_measurement' &&
      w.weight === undefined &&
      f.bodyFat === undefined
    ) {
      const side = source.weight !== undefined || source.bodyFat !== undefined ? 'source' : 'destination';
      choices[index('weight')] = { ...weight, from: side };
      choices[index('bodyFat')] = { ...fat, from: side };
    }
  }
}
