import type { Workout } from '@syncwell/core';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import { generateAthlete } from '../synthetic/synthetic-athlete.js';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { ouraDayDocuments } from './oura-synthetic-day.js';
import { OURA_COLLECTIONS, type OuraDocument, type OuraState, type OuraUser } from './oura-state.js';
import { localDay, offsetFromLongitude } from './oura-time.js';
import { deliverOuraEvent } from './oura-webhook-delivery.js';
import { ouraWorkoutJson } from './oura-workout-json.js';

const DAY_MS = 86_400_000;
const sortKey = (doc: OuraDocument): string => {
  const key = doc.start_datetime ?? doc.bedtime_start ?? doc.timestamp ?? doc.day;
  return typeof key === 'string' ? key : '';
};

/**
 * The synthetic people behind the simulator: seeded users with days of sleep, activity, SpO2 and
 * heart rate plus workouts, and the "ring sync" that adds more. Same seed, same data.
 */
export class OuraWorld {
  private readonly random: SeededRandom;
  private readonly lastAddedStart = new Map<string, number>();

  constructor(
    private readonly seed: number,
    private readonly nowMs: () => number,
  ) {
    this.random = new SeededRandom(deriveSeed(seed, 0x0a4a));
  }

  seedUsers(count: number, historyDays: number, workouts: number): OuraUser[] {
    return Array.from({ length: count }, (_, index) => this.makeUser(100 + index, historyDays, workouts));
  }

  /** The fixed person `/v2/sandbox/usercollection` serves to every token. */
  sandboxUser(): OuraUser {
    return this.makeUser(999, 7, 3);
  }

  addWorkout(user: OuraUser, workout?: Workout): string {
    const now = this.nowMs();
    const chosen = workout ?? this.freshWorkout(user, now);
    const doc = ouraWorkoutJson(chosen, user.utcOffsetMinutes, this.random);
    insert(user.docs.workout, doc);
    return String(doc.id);
  }

  addDay(user: OuraUser): { day: string; sleep: string; dailyActivity: string; dailySpo2: string } {
    const days = user.docs.daily_activity.map((d) => String(d.day)).sort();
    const last = days[days.length - 1] ?? localDay(this.nowMs() - DAY_MS, user.utcOffsetMinutes);
    const day = new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const docs = this.addDocs(user, day);
    return {
      day,
      sleep: String(docs.sleep.id),
      dailyActivity: String(docs.dailyActivity.id),
      dailySpo2: String(docs.dailySpo2.id),
    };
  }

  deliver(
    state: OuraState,
    event: { userId: string; dataType: string; eventType: 'create'; objectId: string },
    delayMs: number,
  ): Promise<void> {
    return deliverOuraEvent(state, event, delayMs);
  }

  private makeUser(salt: number, historyDays: number, workouts: number): OuraUser {
    const synthetic = generateAthlete(deriveSeed(this.seed, salt));
    const random = new SeededRandom(deriveSeed(this.seed, salt + 5000));
    const offset = offsetFromLongitude(synthetic.home.lon);
    const docs = Object.fromEntries(
      OURA_COLLECTIONS.map((c) => [c, [] as OuraDocument[]]),
    ) as OuraUser['docs'];
    const user: OuraUser = {
      id: random.hexId(24),
      synthetic,
      utcOffsetMinutes: offset,
      docs,
      membershipExpired: false,
    };
    const today = localDay(this.nowMs(), offset);
    for (let back = historyDays; back >= 1; back -= 1) {
      this.addDocs(
        user,
        new Date(Date.parse(`${today}T00:00:00Z`) - back * DAY_MS).toISOString().slice(0, 10),
      );
    }
    const history = generateWorkouts({
      seed: synthetic.seed,
      count: workouts,
      provider: 'oura',
      endBefore: new Date(this.nowMs()),
      utcOffsetMinutes: offset,
      athlete: synthetic,
    });
    for (const workout of history) insert(docs.workout, ouraWorkoutJson(workout, offset, random));
    return user;
  }

  private addDocs(user: OuraUser, day: string): ReturnType<typeof ouraDayDocuments> {
    const docs = ouraDayDocuments(user.synthetic, day, user.utcOffsetMinutes, this.random);
    insert(user.docs.sleep, docs.sleep);
    insert(user.docs.daily_activity, docs.dailyActivity);
    insert(user.docs.daily_spo2, docs.dailySpo2);
    for (const sample of docs.heartRate) user.docs.heartrate.push(sample);
    return docs;
  }

  /** A workout that has just ended; each later one ends before the previous one started, never overlapping. */
  private freshWorkout(user: OuraUser, now: number): Workout {
    const [generated] = generateWorkouts({
      seed: deriveSeed(user.synthetic.seed, 7000 + user.docs.workout.length),
      count: 1,
      provider: 'oura',
      endBefore: new Date(now),
      utcOffsetMinutes: user.utcOffsetMinutes,
      athlete: user.synthetic,
    });
    if (generated === undefined) throw new Error('workout generation produced nothing');
    const previous = this.lastAddedStart.get(user.id);
    const endMs = Math.floor(Math.min(now - 10 * 60_000, (previous ?? Infinity) - 20 * 60_000) / 1000) * 1000;
    const shift = endMs - Date.parse(generated.endTime);
    const startMs = Date.parse(generated.startTime) + shift;
    this.lastAddedStart.set(user.id, startMs);
    return {
      ...generated,
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(endMs).toISOString(),
      laps: [],
    };
  }
}

function insert(list: OuraDocument[], doc: OuraDocument): void {
  list.push(doc);
  list.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}
