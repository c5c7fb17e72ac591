export * from './fit-decode-error.js';
export * from './fit-sport-table.js';
export * from './workout-fit-encoder.js';
export * from './workout-fit-decoder.js';
