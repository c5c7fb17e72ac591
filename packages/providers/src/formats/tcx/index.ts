export * from './tcx-decode-error.js';
export * from './tcx-sport-table.js';
export * from './workout-tcx-encoder.js';
export * from './workout-tcx-decoder.js';
