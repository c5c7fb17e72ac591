import type { StoreContext } from './store-context.js';

/** Server-wide settings: first writer wins, so concurrent first boots agree on one value. */
export function settingsQueries(ctx: StoreContext) {
  const { db } = ctx;
  return {
    async claimServerSetting(key: string, value: string): Promise<string> {
      await db
        .insertInto('server_settings')
        .values({ key, value, created_at: ctx.now() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('server_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
