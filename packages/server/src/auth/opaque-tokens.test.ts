import { describe, expect, it } from 'vitest';
import {
  createOAuthStateValue,
  createPkcePair,
  createRefreshToken,
  hashRefreshToken,
  pkceS256Challenge,
} from './opaque-tokens.js';

describe('opaque tokens', () => {
  it('computes the RFC 7636 appendix B S256 challenge', () => {
    expect(pkceS256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes PKCE verifiers of a legal length and alphabet, paired with their challenge', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(pair.challenge).toBe(pkceS256Challenge(pair.verifier));
  });

  it('stores only a hash of the refresh token', () => {
    const refresh = createRefreshToken();
    expect(refresh.tokenHash).toBe(hashRefreshToken(refresh.token));
    expect(refresh.tokenHash).not.toContain(refresh.token);
    expect(createRefreshToken().token).not.toBe(refresh.token);
  });

  it('makes distinct unguessable states', () => {
    const states = new Set(Array.from({ length: 100 }, () => createOAuthStateValue()));
    expect(states.size).toBe(100);
    for (const state of states) expect(state.length).toBeGreaterThanOrEqual(43);
  });
});
