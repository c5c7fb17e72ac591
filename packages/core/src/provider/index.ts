export * from './provider-facts.js';
export * from './oauth-client.js';
export * from './webhook-verifier.js';
export * from './data-provider.js';
export * from './provider-module.js';
