import type { Workout } from '@syncwell/core';
import type { SeededRandom } from '../synthetic/seeded-random.js';

export interface StravaAthlete {
  readonly id: number;
  readonly username: string;
  readonly firstname: string;
  readonly lastname: string;
  readonly city: string;
  readonly country: string;
  readonly sex: 'M' | 'F';
  readonly weight: number;
  readonly utcOffsetMinutes: number;
  readonly home: { readonly lat: number; readonly lng: number };
  readonly createdAtMs: number;
}

const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Eun-ji',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemi',
  'Luca',
];
const LAST_NAMES = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Silva',
  'Novak',
  'Haddad',
  'Byrne',
  'Kowalski',
  'Rossi',
];
const CITIES = [
  { city: 'Paris', country: 'France', offset: 60, lat: 48.8566, lng: 2.3522 },
  { city: 'London', country: 'United Kingdom', offset: 0, lat: 51.5072, lng: -0.1276 },
  { city: 'Boulder', country: 'United States', offset: -420, lat: 40.015, lng: -105.2705 },
  { city: 'Tokyo', country: 'Japan', offset: 540, lat: 35.6762, lng: 139.6503 },
  { city: 'Helsinki', country: 'Finland', offset: 120, lat: 60.1699, lng: 24.9384 },
] as const;

export function seedAthletes(random: SeededRandom, count: number, nowMs: number): StravaAthlete[] {
  const athletes: StravaAthlete[] = [];
  const used = new Set<number>();
  while (athletes.length < count) {
    const id = random.int(10_000_000, 99_999_999);
    if (used.has(id)) continue;
    used.add(id);
    const firstname = random.pick(FIRST_NAMES);
    const lastname = random.pick(LAST_NAMES);
    const place = random.pick(CITIES);
    athletes.push({
      id,
      username: `${firstname}${lastname}${athletes.length}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9]/g, ''),
      firstname,
      lastname,
      city: place.city,
      country: place.country,
      sex: random.next() < 0.5 ? 'F' : 'M',
      weight: random.int(50, 95),
      utcOffsetMinutes: place.offset,
      home: { lat: place.lat, lng: place.lng },
      createdAtMs: nowMs - random.int(100, 3000) * 86_400_000,
    });
  }
  return athletes;
}

/** `SummaryAthlete` as embedded in the code-exchange response and returned by `GET /athlete`. */
export function summaryAthleteJson(a: StravaAthlete): Record<string, unknown> {
  const created = new Date(a.createdAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: a.id,
    username: a.username,
    resource_state: 2,
    firstname: a.firstname,
    lastname: a.lastname,
    bio: null,
    city: a.city,
    state: null,
    country: a.country,
    sex: a.sex,
    premium: false,
    summit: false,
    created_at: created,
    updated_at: created,
    badge_type_id: 0,
    weight: a.weight,
    profile_medium: 'avatar/athlete/medium.png',
    profile: 'avatar/athlete/large.png',
    friend: null,
    follower: null,
  };
}

/**
 * A plausible GPS workout near the athlete's home ending `daysAgo` days before `nowMs`:
 * one point every 10 s, so seeded activities have real streams.
 */
export function seedWorkout(
  random: SeededRandom,
  athlete: StravaAthlete,
  nowMs: number,
  daysAgo: number,
): Workout {
  const ride = random.next() < 0.4;
  const speed = ride ? 6 + random.next() * 3 : 2.5 + random.next();
  const durationS = random.int(20, 80) * 60;
  const localStartHour = random.int(6, 19);
  const day = Math.floor((nowMs - daysAgo * 86_400_000) / 86_400_000) * 86_400_000;
  let startMs = day + (localStartHour * 60 - athlete.utcOffsetMinutes) * 60_000 + random.int(0, 59) * 60_000;
  // Far-west offsets can push an evening session past "now"; a seeded activity is always over.
  while (startMs + durationS * 1000 > nowMs) startMs -= 86_400_000;
  const bearing = random.next() * 2 * Math.PI;
  const track: NonNullable<Workout['track']> = [];
  for (let t = 0; t <= durationS; t += 10) {
    const metres = t * speed;
    track.push({
      time: new Date(startMs + t * 1000).toISOString(),
      lat: athlete.home.lat + (Math.cos(bearing) * metres) / 111_320,
      lon:
        athlete.home.lng +
        (Math.sin(bearing) * metres) / (111_320 * Math.cos((athlete.home.lat * Math.PI) / 180)),
      altitudeM: 50 + 10 * Math.sin(t / 300),
      heartRateBpm: Math.round(125 + 25 * Math.sin(t / 600) + random.int(0, 10)),
    });
  }
  return {
    type: 'workout',
    provenance: { provider: 'strava', externalId: `seed-${athlete.id}-${daysAgo}` },
    sport: ride ? 'cycling' : 'running',
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(startMs + durationS * 1000).toISOString(),
    utcOffsetMinutes: athlete.utcOffsetMinutes,
    energy: { value: Math.round(durationS / 6), unit: 'kcal' },
    laps: [],
    track,
  };
}
