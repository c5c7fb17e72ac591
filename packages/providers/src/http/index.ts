export * from './http-types.js';
export * from './provider-http-client.js';
export * from './json-body.js';
export * from './auth-retry.js';
export * from './retry-after.js';
export * from './basic-auth.js';
export * from './concurrency.js';
