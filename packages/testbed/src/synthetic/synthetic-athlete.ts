import { SeededRandom, deriveSeed } from './seeded-random.js';

export interface SyntheticAthlete {
  readonly seed: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly name: string;
  readonly home: { readonly lat: number; readonly lon: number; readonly altitudeM: number };
  readonly weightKg: number;
  readonly restingHeartRate: number;
  readonly maxHeartRate: number;
}

const FIRST_NAMES = [
  'Aino',
  'Lars',
  'Maya',
  'Jonas',
  'Sofia',
  'Mateo',
  'Leila',
  'Tomasz',
  'Ines',
  'Kenji',
  'Noor',
  'Elias',
];
const LAST_NAMES = [
  'Virtanen',
  'Berg',
  'Novak',
  'Keller',
  'Rossi',
  'Silva',
  'Haddad',
  'Kowalski',
  'Moreau',
  'Tanaka',
];

// Home towns with room to run: workouts start near one of these, jittered by a few km.
const TOWNS = [
  { lat: 65.0121, lon: 25.4651, altitudeM: 15 }, // Oulu (Polar's home town)
  { lat: 47.3769, lon: 8.5417, altitudeM: 408 }, // Zürich
  { lat: 59.9139, lon: 10.7522, altitudeM: 23 }, // Oslo
  { lat: 45.4642, lon: 9.19, altitudeM: 120 }, // Milan
  { lat: 39.7392, lon: -104.9903, altitudeM: 1609 }, // Denver
  { lat: -33.8688, lon: 151.2093, altitudeM: 58 }, // Sydney
] as const;

/**
 * A deterministic synthetic athlete: the same seed always gives the same person and home.
 *
 * @example
 *   const athlete = generateAthlete(7); // { name: 'Sofia Keller', home: { lat: 47.39, ... }, ... }
 */
export function generateAthlete(seed: number): SyntheticAthlete {
  const random = new SeededRandom(deriveSeed(seed, 0xa7));
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const town = random.pick(TOWNS);
  const age = random.int(22, 58);
  return {
    seed,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    home: {
      lat: town.lat + random.between(-0.03, 0.03),
      lon: town.lon + random.between(-0.04, 0.04),
      altitudeM: town.altitudeM + random.between(-10, 30),
    },
    weightKg: Math.round(random.between(52, 92)),
    restingHeartRate: random.int(45, 65),
    // The common 220 − age estimate, with personal spread.
    maxHeartRate: 220 - age + random.int(-6, 6),
  };
}
