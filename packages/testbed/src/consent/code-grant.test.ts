import { describe, expect, it } from 'vitest';
import { ACCESS_DENIED, consentRedirect, redeemCode } from './code-grant.js';

describe('consentRedirect', () => {
  it('keeps the redirect_uri query, adds the outcome and echoes state last', () => {
    const url = new URL(consentRedirect('http://app/cb?keep=1', 'a&b', { code: 'c', scope: 'x y' }));
    expect([...url.searchParams]).toEqual([
      ['keep', '1'],
      ['code', 'c'],
      ['scope', 'x y'],
      ['state', 'a&b'],
    ]);
    expect(
      Object.fromEntries(new URL(consentRedirect('http://app/cb', undefined, ACCESS_DENIED)).searchParams),
    ).toEqual({
      error: 'access_denied',
    });
  });
});

describe('redeemCode', () => {
  const issued = () => new Map([['c1', { redirectUri: 'http://app/cb', expiresAtMs: 1000 }]]);

  it('works once, until expiry, with the same redirect_uri', () => {
    const codes = issued();
    expect(redeemCode(codes, 'c1', { nowMs: 1000, redirectUri: 'http://app/cb' })).toBeDefined();
    expect(redeemCode(codes, 'c1', { nowMs: 1000, redirectUri: 'http://app/cb' })).toBeUndefined();
    expect(redeemCode(issued(), 'c1', { nowMs: 1001, redirectUri: 'http://app/cb' })).toBeUndefined();
    expect(redeemCode(issued(), 'c1', { nowMs: 0, redirectUri: 'http://other/cb' })).toBeUndefined();
    expect(redeemCode(issued(), undefined, { nowMs: 0, redirectUri: 'http://app/cb' })).toBeUndefined();
  });

  it('accepts an omitted redirect_uri only where the provider allows it', () => {
    expect(redeemCode(issued(), 'c1', { nowMs: 0, redirectUri: undefined })).toBeUndefined();
    expect(
      redeemCode(issued(), 'c1', { nowMs: 0, redirectUri: undefined, redirectOptional: true }),
    ).toBeDefined();
  });
});
