export * from './error-codes.js';
export * from './syncwell-error.js';
export * from './provider-error.js';
