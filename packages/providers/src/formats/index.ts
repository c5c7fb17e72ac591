export * from './workout-file.js';
export * from './workout-diff.js';
export * from './fit/index.js';
export * from './tcx/index.js';
export * from './gpx/index.js';
export * from './file-legs.js';
