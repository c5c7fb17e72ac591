import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../store.contract.js';
import { createSqliteStore } from './sqlite-store.js';

function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeStoreContract('sqlite', async () => {
  const { dir, remove } = tempDir();
  const store = await createSqliteStore({ filename: join(dir, 'nested', 'syncwell.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      remove();
    },
  };
});

describe('sqlite store specifics', () => {
  it('opens in WAL mode with foreign keys, and migrates an existing file idempotently', async () => {
    const { dir, remove } = tempDir();
    const filename = join(dir, 'syncwell.db');
    const first = await createSqliteStore({ filename });
    await first.createUser({ email: 'kept@example.org', passwordHash: 'h' });
    await first.close();
    const second = await createSqliteStore({ filename });
    expect(await second.findUserByEmail('kept@example.org')).not.toBeNull();
    await second.ping();
    await second.close();

    const raw = new Database(filename, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'connections',
        'rules',
        'runs',
        'run_items',
        'sync_ledger',
        'rule_fences',
      ]),
    );
    raw.close();
    remove();
  });

  it('uses the injected clock for expiry', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const store = await createSqliteStore({ filename: ':memory:', now: () => now });
    const user = await store.createUser({ email: 'c@example.org', passwordHash: 'h' });
    expect(user.createdAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const state = {
      userId: user.id,
      provider: 'oura' as const,
      codeVerifierSealed: null,
      redirectUri: 'http://x/cb',
    };
    await store.createOAuthState({ ...state, state: 's1', expiresAt: new Date(now + 1000) });
    now += 1000;
    expect(await store.consumeOAuthState('s1')).toBeNull();
    await store.close();
  });

  it('has only reviewed columns: none can hold a health value or a plaintext token (DESIGN §6.1, §6.2)', async () => {
    const { dir, remove } = tempDir();
    const filename = join(dir, 'syncwell.db');
    await (await createSqliteStore({ filename })).close();
    const raw = new Database(filename, { readonly: true });
    const tables = raw
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_%' order by name",
      )
      .pluck()
      .all() as string[];
    const columns = Object.fromEntries(
      tables.map((t) => [
        t,
        (raw.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]).join(' '),
      ]),
    );
    raw.close();
    remove();
    // Adding a column means adding it here, where a reviewer asks "could this hold a value or a token?".
    expect(columns).toEqual({
      users: 'id email password_hash created_at',
      refresh_sessions: 'id user_id token_hash expires_at revoked_at created_at',
      oauth_states: 'state user_id provider code_verifier_sealed redirect_uri expires_at used_at created_at',
      connections:
        'id user_id provider external_user_id status tokens_sealed token_expires_at token_version scopes created_at updated_at',
      rules:
        'id user_id source_connection_id destination_connection_id data_types conflict_strategy interval_minutes enabled next_run_at created_at updated_at',
      runs: 'id rule_id user_id trigger status items_read items_written items_skipped items_failed error_code created_at started_at finished_at backfill_id',
      run_items: 'run_id seq data_type external_id outcome code destination_id message',
      sync_cursors: 'rule_id data_type cursor updated_at',
      sync_ledger:
        'destination_connection_id identity_key rule_id content_key tag data_type status destination_id created_at updated_at',
      rule_fences: 'rule_id token',
      // Holds only the vault check: a constant sealed with the master key.
      server_settings: 'key value created_at',
      // Backfill windows, ids and counts (migration 0003); asked windows, clamps (reasons and
      // limits), a provider cursor per data type (as sync_cursors), counts and reason codes (0006).
      backfills:
        'id rule_id user_id data_types range_from range_to status created_at updated_at finished_at requested_from requested_to clamps',
      backfill_chunks:
        'id backfill_id rule_id seq range_from range_to status run_id records checkpoint updated_at cursor executions stalls reason permission written skipped failed',
      // Ids and reason codes only (migration 0004); a provider permission's name (0007).
      notifications:
        'id user_id kind connection_id rule_id run_id code created_at read_at backfill_id permission',
      connection_refresh_failures: 'connection_id token_version day code created_at',
      // Conflict descriptors: ids, a time slot, status and choice; never a value (migration 0005).
      sync_conflicts:
        'id rule_id data_type range_from range_to source_external_id destination_id code status resolution detected_at resolved_at applied_at',
      // Only that a weekly summary was sent (its week and when), never a figure of it.
      summary_schedules: 'user_id time_zone enabled next_due_at last_sent_week last_sent_at updated_at',
      // Where pushes go (an endpoint or device token and Web Push keys), preferences, the last
      // announced state per subject, and the outbox of notices (ids and codes) (migration 0008).
      push_targets: 'id user_id channel address p256dh auth created_at',
      notification_settings: 'user_id disabled quiet_start_minute quiet_end_minute time_zone updated_at',
      notice_states: 'user_id subject state updated_at',
      notification_deliveries:
        'id user_id channel target_id notice status attempts next_attempt_at outcome created_at updated_at',
      // Registered phones: owner, platform, a name, the SHA-256 of the device credential (never the
      // credential), revocation (migration 0009). No anchor, token or value of the phone's store.
      devices: 'id user_id platform name credential_hash created_at revoked_at',
    });
  });
});
