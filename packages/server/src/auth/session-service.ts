import { systemClock } from '@syncwell/core';
import type { MetadataStore } from '../store/port.js';
import { issueAccessToken } from './access-token.js';
import { InvalidCredentialsError, UnauthenticatedError } from './auth-errors.js';
import { createRefreshToken, hashRefreshToken } from './opaque-tokens.js';
import { hashPassword, verifyPassword, type ScryptCost } from './password-hasher.js';
import type { SessionGate } from './session-gate.js';

export type SessionStore = Pick<
  MetadataStore,
  | 'findUserByEmail'
  | 'getUser'
  | 'setPasswordHash'
  | 'createRefreshSession'
  | 'findRefreshSessionByHash'
  | 'getRefreshSession'
  | 'listLiveRefreshSessionIds'
  | 'revokeRefreshSession'
  | 'revokeAllRefreshSessions'
>;

export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Access-token lifetime in seconds. */
  readonly expiresIn: number;
}

export interface SessionServiceDeps {
  readonly store: SessionStore;
  readonly jwtSecret: Uint8Array;
  /** Told of every revocation, so access tokens of a revoked session stop working at once. */
  readonly gate: SessionGate;
  /** Default 30 days. */
  readonly refreshTtlMs?: number;
  readonly now?: () => Date;
  /** Cost of the decoy hash unknown emails are checked against; default DEFAULT_SCRYPT_COST. */
  readonly passwordCost?: ScryptCost;
}

export interface SessionService {
  /** Throws InvalidCredentialsError for an unknown email or a wrong password alike. */
  login(email: string, password: string): Promise<SessionTokens>;
  /** Rotates: the presented token dies, a new pair is issued. Throws UnauthenticatedError. */
  refresh(refreshToken: string): Promise<SessionTokens>;
  /** Revokes the token if it is live; silent otherwise, so logout is not a token oracle. */
  logout(refreshToken: string): Promise<void>;
  /**
   * Checks the current password, stores the new one and revokes every other session of the
   * user (the caller's own, `keepSessionId`, stays). Throws InvalidCredentialsError.
   */
  changePassword(input: {
    userId: string;
    keepSessionId: string;
    currentPassword: string;
    newPassword: string;
  }): Promise<void>;
  /** Revokes every session of the user (account deletion, refresh-token reuse). */
  endAllSessions(userId: string): Promise<void>;
}

const DEFAULT_REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Login, refresh-token rotation and logout over the store's refresh sessions. A rotated token
 * presented again means it leaked (or a client raced itself): every session of that user is
 * revoked, as OAuth 2.0 Security BCP §4.14 recommends for refresh-token reuse.
 */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const now = deps.now ?? systemClock.now;
  const refreshTtlMs = deps.refreshTtlMs ?? DEFAULT_REFRESH_TTL_MS;
  // Verifying against a throwaway hash for unknown emails keeps login time from revealing accounts.
  const decoyHash = hashPassword(`decoy-${String(Math.random())}`, deps.passwordCost);

  async function issue(userId: string): Promise<SessionTokens> {
    const refresh = createRefreshToken();
    const session = await deps.store.createRefreshSession({
      userId,
      tokenHash: refresh.tokenHash,
      expiresAt: new Date(now().getTime() + refreshTtlMs),
    });
    const access = await issueAccessToken(userId, session.id, deps.jwtSecret, now());
    return { accessToken: access.accessToken, refreshToken: refresh.token, expiresIn: access.expiresIn };
  }

  async function revoke(sessionId: string): Promise<boolean> {
    const revoked = await deps.store.revokeRefreshSession(sessionId);
    await deps.gate.forget([sessionId]);
    return revoked;
  }

  async function endAllSessions(userId: string): Promise<void> {
    const live = await deps.store.listLiveRefreshSessionIds(userId);
    await deps.store.revokeAllRefreshSessions(userId);
    await deps.gate.forget(live);
  }

  return {
    endAllSessions,

    async login(email, password) {
      const user = await deps.store.findUserByEmail(email.trim().toLowerCase());
      const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (user === null || !matches) throw new InvalidCredentialsError();
      return issue(user.id);
    },

    async refresh(refreshToken) {
      const session = await deps.store.findRefreshSessionByHash(hashRefreshToken(refreshToken));
      if (session === null) throw new UnauthenticatedError('Invalid refresh token.');
      if (session.revokedAt !== null) {
        await endAllSessions(session.userId);
        throw new UnauthenticatedError('Invalid refresh token.');
      }
      if (session.expiresAt.getTime() <= now().getTime())
        throw new UnauthenticatedError('Invalid refresh token.');
      // Only the caller that revokes the row may rotate it; a concurrent twin counts as reuse.
      if (!(await revoke(session.id))) {
        await endAllSessions(session.userId);
        throw new UnauthenticatedError('Invalid refresh token.');
      }
      if ((await deps.store.getUser(session.userId)) === null)
        throw new UnauthenticatedError('Invalid refresh token.');
      return issue(session.userId);
    },

    async logout(refreshToken) {
      const session = await deps.store.findRefreshSessionByHash(hashRefreshToken(refreshToken));
      if (session !== null && session.revokedAt === null) await revoke(session.id);
    },

    async changePassword({ userId, keepSessionId, currentPassword, newPassword }) {
      const user = await deps.store.getUser(userId);
      if (user === null) throw new UnauthenticatedError();
      if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
      if (!(await deps.store.setPasswordHash(userId, await hashPassword(newPassword))))
        throw new UnauthenticatedError();
      const others = (await deps.store.listLiveRefreshSessionIds(userId)).filter(
        (id) => id !== keepSessionId,
      );
      for (const id of others) await deps.store.revokeRefreshSession(id);
      await deps.gate.forget(others);
    },
  };
}
