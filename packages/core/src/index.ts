export * from './records/index.js';
export * from './errors/index.js';
export * from './provider/index.js';
export * from './sync/index.js';
export * from './matching/index.js';
export * from './conflicts/index.js';
export * from './time/index.js';
