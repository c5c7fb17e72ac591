import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RefreshSessionRow, UserRow } from '../store/port.js';
import { verifyAccessToken } from './access-token.js';
import { hashPassword } from './password-hasher.js';
import { MemoryCache } from '../coordination/memory/memory-cache.js';
import { SessionGate } from './session-gate.js';
import { createSessionService, type SessionStore } from './session-service.js';

/** Just the refresh-session slice of the store, with the port's documented semantics. */
function sessionStoreDouble(users: UserRow[]): SessionStore & { sessions: RefreshSessionRow[] } {
  const sessions: RefreshSessionRow[] = [];
  const revoke = (row: RefreshSessionRow): void => {
    sessions[sessions.indexOf(row)] = { ...row, revokedAt: new Date() };
  };
  return {
    sessions,
    findUserByEmail: (email) => Promise.resolve(users.find((u) => u.email === email) ?? null),
    getUser: (id) => Promise.resolve(users.find((u) => u.id === id) ?? null),
    createRefreshSession: (input) => {
      const row = { ...input, id: randomUUID(), revokedAt: null, createdAt: new Date() };
      sessions.push(row);
      return Promise.resolve(row);
    },
    findRefreshSessionByHash: (hash) => Promise.resolve(sessions.find((s) => s.tokenHash === hash) ?? null),
    getRefreshSession: (id) => Promise.resolve(sessions.find((s) => s.id === id) ?? null),
    listLiveRefreshSessionIds: (userId) =>
      Promise.resolve(sessions.filter((s) => s.userId === userId && s.revokedAt === null).map((s) => s.id)),
    setPasswordHash: (userId, passwordHash) => {
      const index = users.findIndex((u) => u.id === userId);
      if (index >= 0) users[index] = { ...users[index]!, passwordHash };
      return Promise.resolve(index >= 0);
    },
    revokeRefreshSession: (id) => {
      const row = sessions.find((s) => s.id === id && s.revokedAt === null);
      if (row !== undefined) revoke(row);
      return Promise.resolve(row !== undefined);
    },
    revokeAllRefreshSessions: (userId) => {
      const live = sessions.filter((s) => s.userId === userId && s.revokedAt === null);
      live.forEach(revoke);
      return Promise.resolve(live.length);
    },
  };
}

async function setup(now?: () => Date) {
  const user: UserRow = {
    id: randomUUID(),
    email: 'ada@example.org',
    passwordHash: await hashPassword('a long password', { log2N: 10, r: 8, p: 1 }),
    createdAt: new Date(),
  };
  const store = sessionStoreDouble([user]);
  const jwtSecret = randomBytes(32);
  const cache = new MemoryCache();
  const gate = new SessionGate(store, cache);
  return {
    user,
    store,
    jwtSecret,
    gate,
    cache,
    service: createSessionService({ store, jwtSecret, gate, ...(now ? { now } : {}) }),
  };
}

describe('session service', () => {
  it('logs in with the right password (email case-insensitive) and stores only a token hash', async () => {
    const { user, store, jwtSecret, service } = await setup();
    const tokens = await service.login('  Ada@Example.org ', 'a long password');
    expect(await verifyAccessToken(tokens.accessToken, jwtSecret)).toEqual({
      userId: user.id,
      sessionId: store.sessions[0]?.id,
    });
    expect(tokens.expiresIn).toBe(900);
    expect(store.sessions).toHaveLength(1);
    expect(JSON.stringify(store.sessions)).not.toContain(tokens.refreshToken);
  });

  it('answers unknown email and wrong password with the same error', async () => {
    const { service } = await setup();
    await expect(service.login('ada@example.org', 'wrong password')).rejects.toMatchObject({
      code: 'SW_INVALID_CREDENTIALS',
    });
    await expect(service.login('bob@example.org', 'a long password')).rejects.toMatchObject({
      code: 'SW_INVALID_CREDENTIALS',
    });
  });

  it('rotates refresh tokens; reusing a rotated one revokes every session of the user', async () => {
    const { store, service } = await setup();
    const first = await service.login('ada@example.org', 'a long password');
    const second = await service.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(service.refresh(first.refreshToken)).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
    expect(store.sessions.every((s) => s.revokedAt !== null)).toBe(true);
    await expect(service.refresh(second.refreshToken)).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
  });

  it('refuses unknown and expired refresh tokens', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const { service } = await setup(() => clock);
    await expect(service.refresh('nonsense')).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
    const tokens = await service.login('ada@example.org', 'a long password');
    clock = new Date('2026-02-01T00:00:00Z');
    await expect(service.refresh(tokens.refreshToken)).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
  });

  it('logout revokes the token and is silent for unknown ones', async () => {
    const { service } = await setup();
    const tokens = await service.login('ada@example.org', 'a long password');
    await service.logout('unknown');
    await service.logout(tokens.refreshToken);
    await expect(service.refresh(tokens.refreshToken)).rejects.toMatchObject({ code: 'SW_UNAUTHENTICATED' });
  });

  describe('revocation reaches access tokens (issue 9 §1)', () => {
    const claims = async (accessToken: string, secret: Uint8Array) => verifyAccessToken(accessToken, secret);

    it('logout ends the session its access token names, even after the gate cached it as live', async () => {
      const { service, gate, jwtSecret, user } = await setup();
      const tokens = await service.login('ada@example.org', 'a long password');
      const { sessionId } = await claims(tokens.accessToken, jwtSecret);
      expect(await gate.isLive(sessionId, user.id)).toBe(true); // now cached
      await service.logout(tokens.refreshToken);
      expect(await gate.isLive(sessionId, user.id)).toBe(false);
    });

    it('a rotated refresh ends the old access token; the new one is live', async () => {
      const { service, gate, jwtSecret, user } = await setup();
      const first = await service.login('ada@example.org', 'a long password');
      const old = await claims(first.accessToken, jwtSecret);
      expect(await gate.isLive(old.sessionId, user.id)).toBe(true);
      const second = await service.refresh(first.refreshToken);
      expect(await gate.isLive(old.sessionId, user.id)).toBe(false);
      expect(await gate.isLive((await claims(second.accessToken, jwtSecret)).sessionId, user.id)).toBe(true);
    });

    it("a password change keeps the caller's session and ends every other one", async () => {
      const { service, gate, jwtSecret, user } = await setup();
      const here = await claims(
        (await service.login('ada@example.org', 'a long password')).accessToken,
        jwtSecret,
      );
      const there = await claims(
        (await service.login('ada@example.org', 'a long password')).accessToken,
        jwtSecret,
      );
      expect(await gate.isLive(there.sessionId, user.id)).toBe(true);
      await expect(
        service.changePassword({
          userId: user.id,
          keepSessionId: here.sessionId,
          currentPassword: 'wrong',
          newPassword: 'another long password',
        }),
      ).rejects.toMatchObject({ code: 'SW_INVALID_CREDENTIALS' });
      expect(await gate.isLive(there.sessionId, user.id)).toBe(true);
      await service.changePassword({
        userId: user.id,
        keepSessionId: here.sessionId,
        currentPassword: 'a long password',
        newPassword: 'another long password',
      });
      expect(await gate.isLive(here.sessionId, user.id)).toBe(true);
      expect(await gate.isLive(there.sessionId, user.id)).toBe(false);
      await expect(service.login('ada@example.org', 'a long password')).rejects.toMatchObject({
        code: 'SW_INVALID_CREDENTIALS',
      });
      await service.login('ada@example.org', 'another long password');
    });

    it("refuses a session id presented with another user's id", async () => {
      const { service, gate, jwtSecret } = await setup();
      const { sessionId } = await claims(
        (await service.login('ada@example.org', 'a long password')).accessToken,
        jwtSecret,
      );
      expect(await gate.isLive(sessionId, randomUUID())).toBe(false);
    });
  });
});
