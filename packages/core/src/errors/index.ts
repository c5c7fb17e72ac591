export * from './error-codes.js';
export * from './syncwell-error.js';
export * from './provider-error.js';
export * from './error-catalogue-doc.js';
