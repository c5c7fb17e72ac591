export * from './gpx-decode-error.js';
export * from './gpx-sport-table.js';
export * from './workout-gpx-encoder.js';
export * from './workout-gpx-decoder.js';
