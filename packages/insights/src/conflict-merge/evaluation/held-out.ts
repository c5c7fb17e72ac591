import {
  generateConflict,
  type GeneratorOptions,
  type LabelledConflict,
} from '../generator/generate-conflicts.js';

/** One conflict in five is held out: never trained on, only evaluated. */
export function isHeldOut(index: number): boolean {
  return index % 5 === 4;
}

/** The stream's indices on one side of the split, in order. */
export function* splitIndices(heldOut: boolean, count: number, from = 0): Generator<number> {
  let i = from;
  for (let yielded = 0; yielded < count; i++) {
    if (isHeldOut(i) === heldOut) {
      yield i;
      yielded++;
    }
  }
}

export function* heldOutConflicts(options: GeneratorOptions, count: number): Generator<LabelledConflict> {
  for (const i of splitIndices(true, count)) yield generateConflict(options, i);
}

export function* trainingConflicts(options: GeneratorOptions, count: number): Generator<LabelledConflict> {
  for (const i of splitIndices(false, count)) yield generateConflict(options, i);
}
