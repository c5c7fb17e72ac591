import { DAY_MS, type PhoneClock } from './phone-clock.js';
import {
  hcRecordTime,
  type HCChange,
  type HCChangesResponse,
  type HCPermission,
  type HCRecord,
  type HCRecordInput,
  type HCRecordType,
} from './health-connect-types.js';

/** Health Connect raises `SecurityException` for any call the app holds no permission for. */
export class HCSecurityException extends Error {
  readonly code = 'SecurityException';
}

/** An unknown or malformed changes/page token (`IllegalArgumentException`). */
export class HCIllegalArgumentException extends Error {
  readonly code = 'IllegalArgumentException';
}

/**
 * Health Connect's read quota was used up (the real numbers are unpublished [U]; the exception
 * type is uncertain too). The caller backs off.
 */
export class HCQuotaExceededException extends Error {
  readonly code = 'QuotaExceeded';
}

/** Read calls allowed per app and window; background work gets a smaller allowance. */
export interface HCQuota {
  readonly windowMs: number;
  readonly foreground: number;
  readonly background: number;
}

/** Changes tokens live 30 days; after that `getChanges` answers `changesTokenExpired`. */
export const HC_CHANGES_TOKEN_TTL_MS = 30 * DAY_MS;
/** Without READ_HEALTH_DATA_HISTORY an app reads nothing older than 30 days before its first grant. */
export const HC_HISTORY_WINDOW_MS = 30 * DAY_MS;

interface LogEntry {
  readonly seq: number;
  readonly type: HCRecordType;
  readonly recordId: string;
  readonly kind: 'upsertion' | 'deletion';
}
interface Token {
  readonly seq: number;
  readonly createdAt: number;
  readonly types: readonly HCRecordType[];
  readonly packageName: string;
}
interface AppGrants {
  readonly permissions: Set<string>;
  firstGrantAt: number | undefined;
}

const permKey = (p: HCPermission): string =>
  p.accessType === 'special' ? p.permission : `${p.accessType}:${p.recordType}`;

/**
 * The phone's Health Connect database, shared by every app on it. Each change is logged with a
 * store-wide sequence number; a changes token remembers where its holder stopped and when it was
 * issued.
 */
export class SimulatedHealthConnect {
  private seq = 0;
  private idSeq = 0;
  private tokenSeq = 0;
  private readonly records = new Map<string, HCRecord>();
  private readonly log: LogEntry[] = [];
  private readonly tokens = new Map<string, Token>();
  private readonly grants = new Map<string, AppGrants>();
  private readonly calls = new Map<string, { windowStart: number; count: number }>();

  constructor(
    readonly clock: PhoneClock,
    readonly changesPageSize = 1000,
    private readonly quota?: HCQuota,
  ) {}

  /** @internal counts one read call against the app's quota; throws when it is used up. */
  chargeRead(packageName: string, foreground: boolean): void {
    if (this.quota === undefined) return;
    const now = this.clock.now();
    let c = this.calls.get(packageName);
    if (c === undefined || now - c.windowStart >= this.quota.windowMs) {
      c = { windowStart: now, count: 0 };
      this.calls.set(packageName, c);
    }
    const limit = foreground ? this.quota.foreground : this.quota.background;
    if (c.count >= limit) throw new HCQuotaExceededException('read quota exceeded');
    c.count += 1;
  }

  app(packageName: string): HealthConnectApp {
    return new HealthConnectApp(this, packageName);
  }

  grant(packageName: string, permissions: readonly HCPermission[]): void {
    const g = this.grantsOf(packageName);
    for (const p of permissions) g.permissions.add(permKey(p));
    g.firstGrantAt ??= this.clock.now();
  }

  revoke(packageName: string, permission: HCPermission): void {
    this.grantsOf(packageName).permissions.delete(permKey(permission));
  }

  has(packageName: string, permission: HCPermission): boolean {
    return this.grantsOf(packageName).permissions.has(permKey(permission));
  }

  /** Every live record, for test assertions. */
  allRecords(type?: HCRecordType): HCRecord[] {
    return [...this.records.values()].filter((r) => type === undefined || r.recordType === type);
  }

  /** The user deletes a record in the Health Connect app (any origin). */
  deleteAsUser(recordId: string): boolean {
    return this.drop(recordId);
  }

  /** @internal */
  insert(packageName: string, input: HCRecordInput): string {
    const { metadata: inMeta, ...body } = input;
    const version = inMeta?.clientRecordVersion ?? 0;
    const clientId = inMeta?.clientRecordId;
    const existing =
      clientId === undefined
        ? undefined
        : this.allRecords(input.recordType).find(
            (r) => r.metadata.dataOrigin === packageName && r.metadata.clientRecordId === clientId,
          );
    // Same client id from the same app: a higher version replaces in place (same id), anything
    // else is ignored, so a write repeated after a crash leaves one record.
    if (existing !== undefined && existing.metadata.clientRecordVersion >= version)
      return existing.metadata.id;
    this.idSeq += 1;
    const id = existing?.metadata.id ?? `hc-${String(this.idSeq).padStart(8, '0')}`;
    const record = {
      ...body,
      metadata: {
        id,
        dataOrigin: packageName,
        lastModifiedTime: new Date(this.clock.now()).toISOString(),
        clientRecordVersion: version,
        ...(clientId !== undefined ? { clientRecordId: clientId } : {}),
        ...(inMeta?.device !== undefined ? { device: inMeta.device } : {}),
      },
    } as HCRecord;
    this.records.set(id, record);
    this.append(record.recordType, id, 'upsertion');
    return id;
  }

  /** @internal */
  drop(recordId: string): boolean {
    const r = this.records.get(recordId);
    if (r === undefined) return false;
    this.records.delete(recordId);
    this.append(r.recordType, recordId, 'deletion');
    return true;
  }

  /** @internal */
  recordById(id: string): HCRecord | undefined {
    return this.records.get(id);
  }

  /** @internal */
  issueToken(packageName: string, types: readonly HCRecordType[], seq = this.seq): string {
    this.tokenSeq += 1;
    const token = `hctoken:${this.tokenSeq}`;
    this.tokens.set(token, { seq, createdAt: this.clock.now(), types, packageName });
    return token;
  }

  /** @internal */
  changesSince(packageName: string, tokenText: string, visible: (r: HCRecord) => boolean): HCChangesResponse {
    const token = this.tokens.get(tokenText);
    if (token?.packageName !== packageName) throw new HCIllegalArgumentException('unknown changes token');
    if (this.clock.now() - token.createdAt > HC_CHANGES_TOKEN_TTL_MS) {
      return { changes: [], nextChangesToken: tokenText, hasMore: false, changesTokenExpired: true };
    }
    const entries = this.log.filter((e) => e.seq > token.seq && token.types.includes(e.type));
    const page = entries.slice(0, this.changesPageSize);
    const changes: HCChange[] = [];
    for (const e of page) {
      if (e.kind === 'deletion') {
        changes.push({ kind: 'deletion', recordId: e.recordId });
        continue;
      }
      const record = this.records.get(e.recordId);
      // Upserted then deleted: the deletion entry later in the log tells the reader.
      if (record !== undefined && visible(record)) changes.push({ kind: 'upsertion', record });
    }
    const hasMore = entries.length > page.length;
    const last = hasMore ? (page.at(-1)?.seq ?? token.seq) : Math.max(token.seq, this.seq);
    return {
      changes,
      nextChangesToken: this.issueToken(packageName, token.types, last),
      hasMore,
      changesTokenExpired: false,
    };
  }

  /** @internal the earliest record time this app may read (the 30-day history wall). */
  historyFloor(packageName: string): number {
    const g = this.grantsOf(packageName);
    if (g.permissions.has('READ_HEALTH_DATA_HISTORY') || g.firstGrantAt === undefined) return -Infinity;
    return g.firstGrantAt - HC_HISTORY_WINDOW_MS;
  }

  private append(type: HCRecordType, recordId: string, kind: LogEntry['kind']): void {
    this.seq += 1;
    this.log.push({ seq: this.seq, type, recordId, kind });
  }

  private grantsOf(packageName: string): AppGrants {
    let g = this.grants.get(packageName);
    if (g === undefined) {
      g = { permissions: new Set(), firstGrantAt: undefined };
      this.grants.set(packageName, g);
    }
    return g;
  }
}

/** One app's client (`HealthConnectClient`): its package name is `dataOrigin` of what it writes. */
export class HealthConnectApp {
  /** Set false to make calls as from a background task (needs READ_HEALTH_DATA_IN_BACKGROUND). */
  foreground = true;

  constructor(
    private readonly store: SimulatedHealthConnect,
    readonly packageName: string,
  ) {}

  insertRecords(records: readonly HCRecordInput[]): string[] {
    for (const r of records) this.require({ accessType: 'write', recordType: r.recordType });
    return records.map((r) => this.store.insert(this.packageName, r));
  }

  /** Apps delete only their own records. */
  deleteRecords(ids: readonly string[]): void {
    for (const id of ids) {
      const r = this.store.recordById(id);
      if (r === undefined) continue;
      this.require({ accessType: 'write', recordType: r.recordType });
      if (r.metadata.dataOrigin !== this.packageName) throw new HCSecurityException('not the record owner');
      this.store.drop(id);
    }
  }

  /** `readRecords` with a time range filter and paging (the page token is an offset). */
  readRecords(
    recordType: HCRecordType,
    options: { startTime?: string; endTime?: string; pageSize?: number; pageToken?: string } = {},
  ): { records: HCRecord[]; pageToken?: string } {
    this.requireRead(recordType);
    this.store.chargeRead(this.packageName, this.foreground);
    const from = Math.max(
      this.store.historyFloor(this.packageName),
      Date.parse(options.startTime ?? '1970-01-01T00:00:00Z'),
    );
    const to = options.endTime === undefined ? Infinity : Date.parse(options.endTime);
    const all = this.store
      .allRecords(recordType)
      .filter((r) => {
        const t = Date.parse(hcRecordTime(r));
        return t >= from && t < to;
      })
      .map((r) => this.withRouteConsent(r))
      .sort(
        (a, b) =>
          hcRecordTime(a).localeCompare(hcRecordTime(b)) || a.metadata.id.localeCompare(b.metadata.id),
      );
    const offset = options.pageToken === undefined ? 0 : Number(options.pageToken);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new HCIllegalArgumentException('bad page token');
    const size = options.pageSize ?? 1000;
    const records = all.slice(offset, offset + size);
    return offset + size < all.length ? { records, pageToken: String(offset + size) } : { records };
  }

  getChangesToken(recordTypes: readonly HCRecordType[]): string {
    for (const t of recordTypes) this.requireRead(t);
    this.store.chargeRead(this.packageName, this.foreground);
    return this.store.issueToken(this.packageName, recordTypes);
  }

  getChanges(changesToken: string): HCChangesResponse {
    this.store.chargeRead(this.packageName, this.foreground);
    const floor = this.store.historyFloor(this.packageName);
    const response = this.store.changesSince(this.packageName, changesToken, (r) => {
      return (
        Date.parse(hcRecordTime(r)) >= floor &&
        this.store.has(this.packageName, { accessType: 'read', recordType: r.recordType })
      );
    });
    return {
      ...response,
      changes: response.changes.map((c) =>
        c.kind === 'upsertion' ? { ...c, record: this.withRouteConsent(c.record) } : c,
      ),
    };
  }

  private withRouteConsent(r: HCRecord): HCRecord {
    if (r.recordType !== 'ExerciseSession' || r.exerciseRoute === undefined) return r;
    if (this.store.has(this.packageName, { accessType: 'read', recordType: 'ExerciseRoute' })) return r;
    const { exerciseRoute: _route, ...rest } = r;
    return rest;
  }

  private requireRead(recordType: HCRecordType): void {
    this.require({ accessType: 'read', recordType });
    if (!this.foreground)
      this.require({ accessType: 'special', permission: 'READ_HEALTH_DATA_IN_BACKGROUND' });
  }

  private require(p: HCPermission): void {
    if (!this.store.has(this.packageName, p))
      throw new HCSecurityException(`missing permission ${permKey(p)}`);
  }
}
