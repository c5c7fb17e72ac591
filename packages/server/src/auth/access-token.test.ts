import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-token.js';
import { UnauthenticatedError } from './auth-errors.js';

const secret = randomBytes(32);
const userId = '6f1c2b9e-4a43-4c39-9a8f-2f3f4b2c1d00';

describe('access tokens', () => {
  it('round-trips the user id and expires after 15 minutes', async () => {
    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const { accessToken, expiresIn } = await issueAccessToken(userId, 'session-1', secret, issuedAt);
    expect(expiresIn).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(await verifyAccessToken(accessToken, secret, new Date('2026-01-01T00:14:00Z'))).toEqual({
      userId,
      sessionId: 'session-1',
    });
    await expect(
      verifyAccessToken(accessToken, secret, new Date('2026-01-01T00:15:01Z')),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('issues a different token each time, even within the same second (a refresh is a new token)', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const first = await issueAccessToken(userId, 'session-1', secret, at);
    const second = await issueAccessToken(userId, 'session-1', secret, at);
    expect(second.accessToken).not.toBe(first.accessToken);
  });

  it('refuses another secret, garbage, and tokens without our issuer/audience', async () => {
    const { accessToken } = await issueAccessToken(userId, 'session-1', secret);
    await expect(verifyAccessToken(accessToken, randomBytes(32))).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(verifyAccessToken('not.a.jwt', secret)).rejects.toBeInstanceOf(UnauthenticatedError);
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('someone-else')
      .setAudience('syncwell-api')
      .setExpirationTime('5m')
      .sign(secret);
    await expect(verifyAccessToken(foreign, secret)).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
  });

  it('refuses a token without a session id (issued before sessions could be revoked)', async () => {
    const sessionless = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('syncwell')
      .setAudience('syncwell-api')
      .setExpirationTime('5m')
      .sign(secret);
    await expect(verifyAccessToken(sessionless, secret)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses an unsigned (alg none) token', async () => {
    const { accessToken } = await issueAccessToken(userId, 'session-1', secret);
    const [, payload] = accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await expect(verifyAccessToken(`${header}.${payload ?? ''}.`, secret)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('refuses secrets too short for HS256', async () => {
    await expect(issueAccessToken(userId, 'session-1', randomBytes(16))).rejects.toBeInstanceOf(RangeError);
  });
});
