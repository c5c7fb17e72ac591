import { createHash } from 'node:crypto';
import type { TrainingSet } from './training-set.js';

/** sha-256 over every example, fields in name order, rows in generation order. */
export function hashTrainingSet(set: TrainingSet): string {
  const hash = createHash('sha256');
  for (const [key, examples] of [...set.examples].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(key);
    for (const example of examples) {
      hash.update(new Uint8Array(example.x.buffer, example.x.byteOffset, example.x.byteLength));
      hash.update(Uint8Array.of(example.label));
    }
  }
  return `sha256:${hash.digest('hex')}`;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
