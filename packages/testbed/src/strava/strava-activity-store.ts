import type { NewStravaActivity, StravaActivityRecord } from './strava-activity-model.js';

/** Strava matches an upload against existing activities that start within this window. */
const DUPLICATE_START_WINDOW_MS = 60_000;

export interface ActivityQuery {
  readonly athleteId: number;
  /** Epoch seconds; only activities starting strictly before. */
  readonly before?: number;
  /** Epoch seconds; only activities starting strictly after. */
  readonly after?: number;
  readonly includePrivate: boolean;
}

/** In-memory activities of every athlete, with Strava-sized ids handed out in creation order. */
export class StravaActivityStore {
  readonly #byId = new Map<number, StravaActivityRecord>();
  #nextId: number;

  constructor(firstId = 12_000_000_001) {
    this.#nextId = firstId;
  }

  create(input: NewStravaActivity): StravaActivityRecord {
    // Strava keeps whole seconds; storing sub-second starts would make `after=<start_date>`
    // return the same activity again.
    const startDateMs = Math.floor(input.startDateMs / 1000) * 1000;
    const record: StravaActivityRecord = { ...input, startDateMs, id: this.#nextId };
    this.#nextId += 1;
    this.#byId.set(record.id, record);
    return record;
  }

  get(id: number): StravaActivityRecord | undefined {
    return this.#byId.get(id);
  }

  delete(id: number): StravaActivityRecord | undefined {
    const record = this.#byId.get(id);
    this.#byId.delete(id);
    return record;
  }

  /** Every activity of one athlete, newest first. */
  ofAthlete(athleteId: number): StravaActivityRecord[] {
    return [...this.#byId.values()]
      .filter((a) => a.athleteId === athleteId)
      .sort((a, b) => b.startDateMs - a.startDateMs || b.id - a.id);
  }

  /**
   * Newest first, except that Strava answers oldest first when only `after` is given, which is
   * what lets a client walk forward from a cursor [U: commonly observed, not documented].
   */
  query(q: ActivityQuery): StravaActivityRecord[] {
    const matching = this.ofAthlete(q.athleteId).filter(
      (a) =>
        (q.includePrivate || !a.private) &&
        (q.before === undefined || a.startDateMs < q.before * 1000) &&
        (q.after === undefined || a.startDateMs > q.after * 1000),
    );
    return q.after !== undefined && q.before === undefined ? matching.reverse() : matching;
  }

  /** The activity an upload would duplicate: same external id, or a start within ±60 s. */
  findDuplicate(
    athleteId: number,
    externalId: string | null,
    startDateMs: number,
  ): StravaActivityRecord | undefined {
    return this.ofAthlete(athleteId).find(
      (a) =>
        (externalId !== null && a.externalId === externalId) ||
        Math.abs(a.startDateMs - startDateMs) <= DUPLICATE_START_WINDOW_MS,
    );
  }
}
