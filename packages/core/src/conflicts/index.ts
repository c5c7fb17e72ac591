export * from './conflict-descriptor.js';
export * from './conflict-policy.js';
export * from './record-window.js';
export * from './destination-detection.js';
export * from './destination-read.js';
export * from './conflict-advisor.js';
