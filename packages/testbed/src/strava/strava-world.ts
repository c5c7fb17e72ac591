import type { NewStravaActivity, StravaActivityRecord } from './strava-activity-model.js';
import { StravaActivityStore } from './strava-activity-store.js';
import type { StravaAthlete } from './strava-athletes.js';
import type { SimulatorClock } from './strava-clock.js';
import type { StravaRateLimiter } from './strava-rate-limiter.js';
import type { StravaTokenStore } from './strava-token-store.js';
import type { StravaWebhookHub } from './strava-webhook-hub.js';

export interface StravaActivityChanges {
  readonly name?: string;
  readonly sportType?: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly commute?: boolean;
  readonly trainer?: boolean;
}

/**
 * Everything one simulated Strava holds, plus the mutations that must also raise a webhook
 * event. Routes and test controls both go through these, so an activity added by a test fires
 * the same event as one uploaded through the API.
 */
export class StravaWorld {
  readonly activities = new StravaActivityStore();
  readonly #athletes: ReadonlyMap<number, StravaAthlete>;
  loggedInAthleteId: number;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    athletes: readonly StravaAthlete[],
    readonly clock: SimulatorClock,
    readonly tokens: StravaTokenStore,
    readonly rateLimiter: StravaRateLimiter,
    readonly webhooks: StravaWebhookHub,
  ) {
    this.#athletes = new Map(athletes.map((a) => [a.id, a]));
    const first = athletes[0];
    if (first === undefined) throw new RangeError('the simulator needs at least one athlete');
    this.loggedInAthleteId = first.id;
  }

  get athletes(): StravaAthlete[] {
    return [...this.#athletes.values()];
  }

  athlete(id: number): StravaAthlete | undefined {
    return this.#athletes.get(id);
  }

  createActivity(input: NewStravaActivity): StravaActivityRecord {
    const record = this.activities.create(input);
    this.#emitActivity(record, 'create', {});
    return record;
  }

  updateActivity(id: number, changes: StravaActivityChanges): StravaActivityRecord | undefined {
    const record = this.activities.get(id);
    if (record === undefined) return undefined;
    const updates: Record<string, string> = {};
    if (changes.name !== undefined) updates.title = record.name = changes.name;
    if (changes.sportType !== undefined) updates.type = record.sportType = changes.sportType;
    if (changes.private !== undefined) {
      record.private = changes.private;
      updates.private = String(changes.private);
    }
    if (changes.description !== undefined) record.description = changes.description;
    if (changes.commute !== undefined) record.commute = changes.commute;
    if (changes.trainer !== undefined) record.trainer = changes.trainer;
    // Strava only reports title, type and privacy changes to webhooks.
    if (Object.keys(updates).length > 0) this.#emitActivity(record, 'update', updates);
    return record;
  }

  deleteActivity(id: number): boolean {
    const record = this.activities.delete(id);
    if (record === undefined) return false;
    this.#emitActivity(record, 'delete', {});
    return true;
  }

  /** Revokes the grant `anyToken` belongs to and tells the subscriber the athlete left. */
  deauthorize(anyToken: string): number | null {
    const athleteId = this.tokens.revoke(anyToken);
    if (athleteId === null) return null;
    this.#announceDeauthorized(athleteId);
    return athleteId;
  }

  /** The athlete revoked the app on strava.com: its tokens die and the subscriber hears of it. */
  revokeByAthlete(athleteId: number): boolean {
    if (!this.tokens.revokeAthlete(athleteId)) return false;
    this.#announceDeauthorized(athleteId);
    return true;
  }

  #announceDeauthorized(athleteId: number): void {
    this.webhooks.emit({
      object_type: 'athlete',
      object_id: athleteId,
      aspect_type: 'update',
      updates: { authorized: 'false' },
      owner_id: athleteId,
    });
  }

  #emitActivity(
    record: StravaActivityRecord,
    aspect: 'create' | 'update' | 'delete',
    updates: Record<string, string>,
  ) {
    // Strava only notifies an app about athletes who authorized it.
    if (!this.tokens.isAuthorized(record.athleteId)) return;
    this.webhooks.emit({
      object_type: 'activity',
      object_id: record.id,
      aspect_type: aspect,
      updates,
      owner_id: record.athleteId,
    });
  }
}
