import { ApiError, NETWORK_ERROR_CODE } from '../api/api-error.js';

/** What a failed request means for the person at the screen, in one or two sentences. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case NETWORK_ERROR_CODE:
      return 'SyncWell cannot be reached. Check your connection and try again.';
    case 'SW_INVALID_CREDENTIALS':
      return 'That email and password do not match an account. Check both and try again.';
    case 'SW_EMAIL_TAKEN':
      return 'An account with this email already exists. Log in instead, or use another email.';
    case 'SW_RATE_LIMITED':
      return error.retryAfterSeconds === null
        ? 'Too many attempts. Please wait a minute before trying again.'
        : `Too many attempts. Please wait ${waitWords(error.retryAfterSeconds)} before trying again.`;
    case 'SW_UNAUTHENTICATED':
      return 'Your session has ended. Please log in again.';
    case 'SW_RULE_DUPLICATE':
      return 'You already have a rule that moves these data types between these two accounts.';
    case 'SW_RULE_DISABLED':
      return 'This rule is turned off. Turn it on, then sync.';
    case 'SW_CONNECTION_NOT_READY':
      return 'A connection of this rule needs you to reconnect it first (see Connections).';
    case 'SW_PROVIDER_NOT_CONFIGURED':
      return 'This provider is not set up on this SyncWell server.';
    case 'SW_NOT_READY':
      return 'SyncWell is starting or one of its services is down. Try again in a moment.';
    case 'SW_INSIGHTS_UNAVAILABLE':
      return 'Insights are not answering right now; your syncs are not affected. Try again in a moment.';
    case 'SW_VALIDATION_FAILED':
      return 'Some of what was entered is not valid. Check the fields and try again.';
    default:
      return error.status >= 500
        ? 'SyncWell had a problem answering. Please try again.'
        : `${error.message} (${error.code})`;
  }
}

function waitWords(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
