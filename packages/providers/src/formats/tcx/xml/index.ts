export * from './xml-reader.js';
export * from './xml-text.js';
export * from './xml-values.js';
export * from './xml-query.js';
export * from './xml-writer.js';
export * from './syncwell-extension.js';
