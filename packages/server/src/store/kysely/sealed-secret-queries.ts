import type { SealedSecret, SealedSecretKind } from '../sealed-secret-port.js';
import type { StoreContext } from './store-context.js';

/** The sealed columns key rotation pages through (see sealed-secret-port.ts). */
export function sealedSecretQueries(ctx: StoreContext) {
  const { db } = ctx;
  return {
    async listSealedSecrets(
      kind: SealedSecretKind,
      afterId: string | null,
      limit: number,
    ): Promise<SealedSecret[]> {
      const after = afterId ?? '';
      switch (kind) {
        case 'connection_tokens': {
          const rows = await db
            .selectFrom('connections')
            .select(['id', 'tokens_sealed'])
            .where('id', '>', after)
            .orderBy('id')
            .limit(limit)
            .execute();
          return rows.map((r) => ({ kind, id: r.id, sealed: r.tokens_sealed }));
        }
        case 'oauth_code_verifier': {
          const rows = await db
            .selectFrom('oauth_states')
            .select(['state', 'code_verifier_sealed'])
            .where('state', '>', after)
            .where('code_verifier_sealed', 'is not', null)
            .orderBy('state')
            .limit(limit)
            .execute();
          return rows.map((r) => ({ kind, id: r.state, sealed: r.code_verifier_sealed ?? '' }));
        }
        case 'server_setting': {
          const rows = await db
            .selectFrom('server_settings')
            .select(['key', 'value'])
            .where('key', '>', after)
            .orderBy('key')
            .limit(limit)
            .execute();
          return rows.map((r) => ({ kind, id: r.key, sealed: r.value }));
        }
      }
    },

    async replaceSealedSecret(
      kind: SealedSecretKind,
      id: string,
      expected: string,
      replacement: string,
    ): Promise<boolean> {
      const result =
        kind === 'connection_tokens'
          ? await db
              .updateTable('connections')
              .set({ tokens_sealed: replacement })
              .where('id', '=', id)
              .where('tokens_sealed', '=', expected)
              .executeTakeFirst()
          : kind === 'oauth_code_verifier'
            ? await db
                .updateTable('oauth_states')
                .set({ code_verifier_sealed: replacement })
                .where('state', '=', id)
                .where('code_verifier_sealed', '=', expected)
                .executeTakeFirst()
            : await db
                .updateTable('server_settings')
                .set({ value: replacement })
                .where('key', '=', id)
                .where('value', '=', expected)
                .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
