import { describe, expect, it } from 'vitest';
import { CONFLICT_CHOICES, CONFLICT_STATUSES, DATA_TYPES, ERROR_CODES } from '@syncwell/core';
import {
  CONFLICT_STRATEGIES as SERVER_STRATEGIES,
  RUN_STATUSES as SERVER_RUN_STATUSES,
} from '../../server/src/store/port.js';
import { CONFLICT_STRATEGIES, DATA_TYPES as APP_DATA_TYPES, RUN_STATUSES } from './app/api/types.js';
import { REASON_WORDS } from './app/text/reason-codes.js';
import { DATA_TYPE_LABELS } from './app/text/data-types.js';

/*
 * The app keeps its own copies of the API's enumerations (importing the server's modules would
 * bundle zod and more into the browser). These tests keep the copies honest.
 */
describe('the web app speaks the API’s words', () => {
  it('has the same data types, conflict strategies and run statuses', () => {
    expect(APP_DATA_TYPES).toEqual(DATA_TYPES);
    expect(Object.keys(DATA_TYPE_LABELS).sort()).toEqual([...DATA_TYPES].sort());
    expect(CONFLICT_STRATEGIES).toEqual(SERVER_STRATEGIES);
    expect(RUN_STATUSES).toEqual(SERVER_RUN_STATUSES);
    expect(CONFLICT_CHOICES).toEqual(['source', 'destination', 'both']);
    expect(CONFLICT_STATUSES).toEqual(['open', 'resolved', 'applied']);
  });

  it('explains every per-item and provider reason code for people', () => {
    const reasons = Object.keys(ERROR_CODES).filter(
      (code) => code.startsWith('SW_ITEM_') || code.startsWith('SW_PROVIDER_'),
    );
    const missing = reasons.filter((code) => REASON_WORDS[code] === undefined);
    expect(missing).toEqual([]);
  });
});
