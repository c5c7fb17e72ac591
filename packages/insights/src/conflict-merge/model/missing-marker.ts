/**
 * The training library (ml-xgboost) reads the value -1 as "missing", so training turns NaN into
 * -1 and nudges a real -1 off it; inference nudges the same way and keeps NaN as missing.
 */
export const LIBRARY_MISSING = -1;
const NUDGED = LIBRARY_MISSING + 1e-6;

export function libraryValue(x: number): number {
  if (Number.isNaN(x)) return LIBRARY_MISSING;
  return x === LIBRARY_MISSING ? NUDGED : x;
}

export function nudgeMissingMarker(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) if (x[i] === LIBRARY_MISSING) x[i] = NUDGED;
  return x;
}
