import type { DevicePlatform, DeviceRow, DeviceStore } from '../device-port.js';
import type { StoreContext } from './store-context.js';

// A type alias, not an interface: Kysely's withTables wants implicit index signatures.
type DevicesTable = {
  id: string;
  user_id: string;
  platform: string;
  name: string;
  credential_hash: string;
  created_at: number;
  revoked_at: number | null;
};

function toDevice(r: DevicesTable): DeviceRow {
  return {
    id: r.id,
    userId: r.user_id,
    platform: r.platform as DevicePlatform,
    name: r.name,
    createdAt: new Date(r.created_at),
    revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  };
}

/** Registered phones (migration 0009). */
export function deviceQueries(ctx: StoreContext): DeviceStore {
  const db = ctx.db.withTables<{ devices: DevicesTable }>();
  return {
    async createDevice(input) {
      const row = await db
        .insertInto('devices')
        .values({
          id: ctx.newId(),
          user_id: input.userId,
          platform: input.platform,
          name: input.name,
          credential_hash: input.credentialHash,
          created_at: ctx.now(),
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDevice(row);
    },

    async listDevices(userId) {
      const rows = await db
        .selectFrom('devices')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toDevice);
    },

    async revokeDevice(id, userId) {
      const result = await db
        .updateTable('devices')
        .set({ revoked_at: ctx.now() })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async deviceByCredentialHash(credentialHash) {
      const row = await db
        .selectFrom('devices')
        .selectAll()
        .where('credential_hash', '=', credentialHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row === undefined ? null : toDevice(row);
    },
  };
}
