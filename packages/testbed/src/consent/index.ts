export * from './consent-page.js';
export * from './consent-driver.js';
