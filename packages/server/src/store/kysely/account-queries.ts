import type { NewOAuthState } from '../port.js';
import type { OAuthStateRow, RefreshSessionRow, UserRow } from '../store-rows.js';
import { EmailTakenError } from '../store-errors.js';
import type { StoreContext } from './store-context.js';
import { toOAuthState, toRefreshSession, toUser } from './row-mappers.js';

/** Users, refresh sessions and OAuth states: everything about who is signed in. */
export function accountQueries(ctx: StoreContext) {
  const { db } = ctx;
  return {
    async createUser(input: { email: string; passwordHash: string }): Promise<UserRow> {
      const row = {
        id: ctx.newId(),
        email: input.email.trim().toLowerCase(),
        password_hash: input.passwordHash,
        created_at: ctx.now(),
      };
      try {
        await db.insertInto('users').values(row).execute();
      } catch (error) {
        if (ctx.isUniqueViolation(error)) throw new EmailTakenError();
        throw error;
      }
      return toUser(row);
    },

    async findUserByEmail(email: string): Promise<UserRow | null> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },

    async getUser(id: string): Promise<UserRow | null> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },

    async deleteUser(id: string): Promise<boolean> {
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async createRefreshSession(input: {
      userId: string;
      tokenHash: string;
      expiresAt: Date;
    }): Promise<RefreshSessionRow> {
      const row = {
        id: ctx.newId(),
        user_id: input.userId,
        token_hash: input.tokenHash,
        expires_at: input.expiresAt.getTime(),
        revoked_at: null,
        created_at: ctx.now(),
      };
      await db.insertInto('refresh_sessions').values(row).execute();
      return toRefreshSession(row);
    },

    async findRefreshSessionByHash(tokenHash: string): Promise<RefreshSessionRow | null> {
      const row = await db
        .selectFrom('refresh_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? null : toRefreshSession(row);
    },

    async getRefreshSession(id: string): Promise<RefreshSessionRow | null> {
      const row = await db.selectFrom('refresh_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRefreshSession(row);
    },

    async listLiveRefreshSessionIds(userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('refresh_sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      return rows.map((row) => row.id);
    },

    async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async revokeRefreshSession(id: string): Promise<boolean> {
      const result = await db
        .updateTable('refresh_sessions')
        .set({ revoked_at: ctx.now() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async revokeAllRefreshSessions(userId: string): Promise<number> {
      const result = await db
        .updateTable('refresh_sessions')
        .set({ revoked_at: ctx.now() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async createOAuthState(input: NewOAuthState): Promise<OAuthStateRow> {
      const row = {
        state: input.state,
        user_id: input.userId,
        provider: input.provider,
        code_verifier_sealed: input.codeVerifierSealed,
        redirect_uri: input.redirectUri,
        expires_at: input.expiresAt.getTime(),
        used_at: null,
        created_at: ctx.now(),
      };
      await db.insertInto('oauth_states').values(row).execute();
      return toOAuthState(row);
    },

    async consumeOAuthState(state: string): Promise<OAuthStateRow | null> {
      const now = ctx.now();
      // One conditional UPDATE: two callbacks racing with the same state cannot both win.
      const row = await db
        .updateTable('oauth_states')
        .set({ used_at: now })
        .where('state', '=', state)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toOAuthState(row);
    },
  };
}
