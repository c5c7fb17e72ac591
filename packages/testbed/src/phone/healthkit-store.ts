import type { PhoneClock } from './phone-clock.js';
import type {
  HKAnchoredResult,
  HKDeletedObject,
  HKSample,
  HKSampleInput,
  HKSourceRevision,
  HKTypeIdentifier,
} from './healthkit-types.js';

/** `HKError.errorAuthorizationDenied`: raised on a write without write permission (reads never raise). */
export class HKAuthorizationDeniedError extends Error {
  readonly code = 'errorAuthorizationDenied';
  constructor(type: HKTypeIdentifier) {
    super(`Not authorized to share ${type}`);
  }
}

/** `HKError.errorInvalidArgument`: e.g. a sync identifier without a sync version. */
export class HKInvalidArgumentError extends Error {
  readonly code = 'errorInvalidArgument';
}

interface Entry {
  readonly seq: number;
  readonly sample: HKSample;
}
interface Deletion {
  readonly seq: number;
  readonly at: number;
  readonly type: HKTypeIdentifier;
  readonly object: HKDeletedObject;
}
interface Grants {
  readonly read: Set<HKTypeIdentifier>;
  readonly share: Set<HKTypeIdentifier>;
}

const ANCHOR_PREFIX = 'hkanchor:';

/**
 * The phone's HealthKit database, shared by every app on it (SyncWell, the Garmin app, the
 * Workout app on the watch). Apps reach it through `app(bundleId)`, which applies that app's
 * grants. Changes carry one store-wide sequence number; an anchor is that number, opaque to apps.
 */
export class SimulatedHealthKit {
  private seq = 0;
  private uuidSeq = 0;
  private readonly samples = new Map<string, Entry>();
  private deletions: Deletion[] = [];
  private readonly grants = new Map<string, Grants>();
  private readonly observers = new Set<(type: HKTypeIdentifier) => void>();

  constructor(readonly clock: PhoneClock) {}

  app(source: HKSourceRevision): HealthKitApp {
    return new HealthKitApp(this, source);
  }

  /** The user's answer on the permission sheet; later calls replace earlier ones per type. */
  setAuthorization(
    bundleId: string,
    grant: { read?: readonly HKTypeIdentifier[]; share?: readonly HKTypeIdentifier[] },
  ): void {
    const g = this.grantsOf(bundleId);
    for (const t of grant.read ?? []) g.read.add(t);
    for (const t of grant.share ?? []) g.share.add(t);
  }

  /** The user turns a type off in Settings › Health. */
  revoke(bundleId: string, access: 'read' | 'share', type: HKTypeIdentifier): void {
    this.grantsOf(bundleId)[access].delete(type);
  }

  canRead(bundleId: string, type: HKTypeIdentifier): boolean {
    return this.grantsOf(bundleId).read.has(type);
  }

  canShare(bundleId: string, type: HKTypeIdentifier): boolean {
    return this.grantsOf(bundleId).share.has(type);
  }

  /** HealthKit purges deleted-object records after a while: a client that syncs too rarely misses deletions. */
  purgeDeletedObjectsOlderThan(ageMs: number): number {
    const cutoff = this.clock.now() - ageMs;
    const before = this.deletions.length;
    this.deletions = this.deletions.filter((d) => d.at >= cutoff);
    return before - this.deletions.length;
  }

  /** `HKObserverQuery` + background delivery: called once per changed type. */
  observe(listener: (type: HKTypeIdentifier) => void): () => void {
    this.observers.add(listener);
    return () => this.observers.delete(listener);
  }

  /** Every live sample, for test assertions. */
  allSamples(type?: HKTypeIdentifier): HKSample[] {
    return [...this.samples.values()]
      .map((e) => e.sample)
      .filter((s) => type === undefined || s.typeIdentifier === type);
  }

  /** @internal used by HealthKitApp */
  insert(source: HKSourceRevision, input: HKSampleInput): HKSample {
    const metadata = input.metadata ?? {};
    const syncId = metadata.HKMetadataKeySyncIdentifier;
    if (syncId !== undefined) {
      const version = metadata.HKMetadataKeySyncVersion;
      if (version === undefined) {
        throw new HKInvalidArgumentError('HKMetadataKeySyncIdentifier requires HKMetadataKeySyncVersion');
      }
      const existing = this.findBySyncIdentifier(source.bundleId, input.typeIdentifier, syncId);
      if (existing !== undefined) {
        // Same or older version: HealthKit keeps the stored sample. [U] whether it reports an error;
        // the simulator answers with the stored sample so a repeated write after a crash is harmless.
        if ((existing.metadata.HKMetadataKeySyncVersion ?? 0) >= version) return existing;
        this.remove(existing.uuid);
      }
    }
    this.uuidSeq += 1;
    const uuid = `00000000-0000-4000-8000-${String(this.uuidSeq).padStart(12, '0')}`;
    const sample: HKSample = { ...input, uuid, sourceRevision: source, metadata };
    this.seq += 1;
    this.samples.set(uuid, { seq: this.seq, sample });
    this.notify(input.typeIdentifier);
    return sample;
  }

  /** @internal */
  remove(uuid: string): boolean {
    const entry = this.samples.get(uuid);
    if (entry === undefined) return false;
    this.samples.delete(uuid);
    this.seq += 1;
    this.deletions.push({
      seq: this.seq,
      at: this.clock.now(),
      type: entry.sample.typeIdentifier,
      object: { uuid, metadata: entry.sample.metadata },
    });
    this.notify(entry.sample.typeIdentifier);
    // A workout's routes go with it (they point at its UUID and mean nothing alone).
    if (entry.sample.typeIdentifier === 'HKWorkoutTypeIdentifier') {
      for (const r of this.allSamples('HKWorkoutRouteTypeIdentifier')) {
        if (r.route?.workoutUuid === uuid) this.remove(r.uuid);
      }
    }
    return true;
  }

  /** @internal */
  sampleByUuid(uuid: string): HKSample | undefined {
    return this.samples.get(uuid)?.sample;
  }

  /** @internal */
  anchored(type: HKTypeIdentifier, anchor: string | null, limit: number): HKAnchoredResult {
    const after = parseAnchor(anchor);
    type Change = { seq: number; sample?: HKSample; deleted?: HKDeletedObject };
    const changes: Change[] = [];
    for (const e of this.samples.values()) {
      if (e.seq > after && e.sample.typeIdentifier === type) changes.push({ seq: e.seq, sample: e.sample });
    }
    for (const d of this.deletions) {
      // A nil anchor means "everything there is": deletions of objects the app never saw are noise.
      if (after > 0 && d.seq > after && d.type === type) changes.push({ seq: d.seq, deleted: d.object });
    }
    changes.sort((a, b) => a.seq - b.seq);
    const page = limit > 0 ? changes.slice(0, limit) : changes;
    // A full answer moves the anchor to "now"; a page cut by `limit` stops at its last change.
    const cut = page.at(-1);
    const last = page.length < changes.length && cut !== undefined ? cut.seq : Math.max(after, this.seq);
    return {
      samples: page.flatMap((c) => (c.sample ? [c.sample] : [])),
      deletedObjects: page.flatMap((c) => (c.deleted ? [c.deleted] : [])),
      newAnchor: `${ANCHOR_PREFIX}${last}`,
    };
  }

  private findBySyncIdentifier(
    bundleId: string,
    type: HKTypeIdentifier,
    syncId: string,
  ): HKSample | undefined {
    for (const { sample } of this.samples.values()) {
      if (
        sample.sourceRevision.bundleId === bundleId &&
        sample.typeIdentifier === type &&
        sample.metadata.HKMetadataKeySyncIdentifier === syncId
      ) {
        return sample;
      }
    }
    return undefined;
  }

  private grantsOf(bundleId: string): Grants {
    let g = this.grants.get(bundleId);
    if (g === undefined) {
      g = { read: new Set(), share: new Set() };
      this.grants.set(bundleId, g);
    }
    return g;
  }

  private notify(type: HKTypeIdentifier): void {
    for (const listener of this.observers) listener(type);
  }
}

function parseAnchor(anchor: string | null): number {
  if (anchor === null) return 0;
  if (!anchor.startsWith(ANCHOR_PREFIX)) throw new HKInvalidArgumentError('not an HKQueryAnchor');
  const n = Number(anchor.slice(ANCHOR_PREFIX.length));
  if (!Number.isSafeInteger(n) || n < 0) throw new HKInvalidArgumentError('not an HKQueryAnchor');
  return n;
}

/** One app's view of HealthKit: its bundle id is every sample's source, its grants gate every call. */
export class HealthKitApp {
  constructor(
    private readonly store: SimulatedHealthKit,
    readonly source: HKSourceRevision,
  ) {}

  /** `HKHealthStore.save`. Throws without write permission. */
  save(input: HKSampleInput): HKSample {
    if (!this.store.canShare(this.source.bundleId, input.typeIdentifier)) {
      throw new HKAuthorizationDeniedError(input.typeIdentifier);
    }
    if (input.route !== undefined) {
      const workout = this.store.sampleByUuid(input.route.workoutUuid);
      if (workout?.typeIdentifier !== 'HKWorkoutTypeIdentifier') {
        throw new HKInvalidArgumentError('a route belongs to a saved workout');
      }
    }
    return this.store.insert(this.source, input);
  }

  /** `HKHealthStore.delete`: an app may delete only what it wrote. */
  delete(uuid: string): boolean {
    const sample = this.store.sampleByUuid(uuid);
    if (sample === undefined) return false;
    if (sample.sourceRevision.bundleId !== this.source.bundleId) {
      throw new HKAuthorizationDeniedError(sample.typeIdentifier);
    }
    return this.store.remove(uuid);
  }

  /**
   * `HKAnchoredObjectQuery`. Without read permission the answer is empty with the anchor
   * unchanged: HealthKit never tells an app that a read was denied.
   */
  queryAnchored(type: HKTypeIdentifier, anchor: string | null, limit = 0): HKAnchoredResult {
    if (!this.store.canRead(this.source.bundleId, type)) {
      return { samples: [], deletedObjects: [], newAnchor: anchor ?? `${ANCHOR_PREFIX}0` };
    }
    return this.store.anchored(type, anchor, limit);
  }

  /** `HKWorkoutRouteQuery`: a workout's routes are their own series, gated by their own grant. */
  workoutRoutes(workoutUuid: string): HKSample[] {
    if (!this.store.canRead(this.source.bundleId, 'HKWorkoutRouteTypeIdentifier')) return [];
    return this.store
      .allSamples('HKWorkoutRouteTypeIdentifier')
      .filter((s) => s.route?.workoutUuid === workoutUuid);
  }

  /** `authorizationStatus(for:)`: known for sharing only; reads are never disclosed. */
  sharingStatus(type: HKTypeIdentifier): 'sharingAuthorized' | 'sharingDenied' {
    return this.store.canShare(this.source.bundleId, type) ? 'sharingAuthorized' : 'sharingDenied';
  }
}
