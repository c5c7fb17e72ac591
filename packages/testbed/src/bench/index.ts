export * from './bench-probe.js';
export * from './bench-records.js';
export * from './bench-source-module.js';
export * from './bench-destination-module.js';
