import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { errorMessage } from './error-messages.js';

describe('error messages for people', () => {
  it('explains a duplicate rule and a sync of a disabled rule without codes', () => {
    const duplicate = errorMessage(new ApiError(409, 'SW_RULE_DUPLICATE', 'Another rule…'));
    expect(duplicate).toMatch(/already have a rule/);
    expect(errorMessage(new ApiError(409, 'SW_RULE_DISABLED', 'The rule is disabled…'))).toMatch(
      /turned off/,
    );
  });
});
