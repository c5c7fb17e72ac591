import type { ProviderId } from '@syncwell/core';
import type { ConnectionTokenUpdate, ConnectionUpsert } from '../port.js';
import type { ConnectionRow, ConnectionStatus } from '../store-rows.js';
import type { StoreContext } from './store-context.js';
import { toConnection } from './row-mappers.js';

/** Provider connections. Tokens arrive and leave sealed; the store never sees them in clear. */
export function connectionQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function upsertOnce(
    input: ConnectionUpsert,
  ): Promise<{ connection: ConnectionRow; created: boolean }> {
    return db.transaction().execute(async (trx) => {
      const now = ctx.now();
      const existing = await trx
        .selectFrom('connections')
        .select('id')
        .where('provider', '=', input.provider)
        .where('external_user_id', '=', input.externalUserId)
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      const id = existing?.id ?? ctx.newId();
      const fields = {
        status: 'active',
        tokens_sealed: input.sealTokens(id),
        token_expires_at: input.tokenExpiresAt?.getTime() ?? null,
        scopes: JSON.stringify(input.scopes),
        updated_at: now,
      };
      if (existing === undefined) {
        await trx
          .insertInto('connections')
          .values({
            id,
            user_id: input.userId,
            provider: input.provider,
            external_user_id: input.externalUserId,
            token_version: 1,
            created_at: now,
            ...fields,
          })
          .execute();
      } else {
        // Bump the version so a refresh that read the old tokens cannot overwrite the new grant.
        await trx
          .updateTable('connections')
          .set((eb) => ({ ...fields, token_version: eb('token_version', '+', 1) }))
          .where('id', '=', id)
          .execute();
      }
      const row = await trx
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { connection: toConnection(row), created: existing === undefined };
    });
  }

  return {
    async upsertConnection(
      input: ConnectionUpsert,
    ): Promise<{ connection: ConnectionRow; created: boolean }> {
      try {
        return await upsertOnce(input);
      } catch (error) {
        // Two callbacks for the same new account raced (PostgreSQL runs them side by side): both
        // saw no row, one insert lost on the unique key. Once more finds the winner's row.
        if (!ctx.isUniqueViolation(error)) throw error;
        return upsertOnce(input);
      }
    },

    async getConnection(id: string, userId?: string): Promise<ConnectionRow | null> {
      let query = db.selectFrom('connections').selectAll().where('id', '=', id);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const row = await query.executeTakeFirst();
      return row === undefined ? null : toConnection(row);
    },

    async listConnectionsByUser(userId: string): Promise<ConnectionRow[]> {
      const rows = await db
        .selectFrom('connections')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toConnection);
    },

    async findConnectionsByProviderExternalUser(
      provider: ProviderId,
      externalUserId: string,
    ): Promise<ConnectionRow[]> {
      const rows = await db
        .selectFrom('connections')
        .selectAll()
        .where('provider', '=', provider)
        .where('external_user_id', '=', externalUserId)
        .orderBy('created_at')
        .execute();
      return rows.map(toConnection);
    },

    async updateConnectionTokens(update: ConnectionTokenUpdate): Promise<boolean> {
      const result = await db
        .updateTable('connections')
        .set({
          tokens_sealed: update.tokensSealed,
          token_expires_at: update.tokenExpiresAt?.getTime() ?? null,
          token_version: update.expectedVersion + 1,
          updated_at: ctx.now(),
          ...(update.scopes === undefined ? {} : { scopes: JSON.stringify(update.scopes) }),
        })
        .where('id', '=', update.connectionId)
        .where('token_version', '=', update.expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setConnectionStatus(id: string, status: ConnectionStatus): Promise<boolean> {
      const result = await db
        .updateTable('connections')
        .set({ status, updated_at: ctx.now() })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async deleteConnection(id: string, userId?: string): Promise<boolean> {
      let query = db.deleteFrom('connections').where('id', '=', id);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const result = await query.executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
