import { PLACES, type Place } from './places.js';
import type { Random } from './random.js';

/** The hidden person behind a conflict: what the truth depends on and no record states. */
export interface Persona {
  readonly sex: 'female' | 'male';
  readonly ageYears: number;
  readonly weightKg: number;
  readonly heightCm: number;
  readonly restingHr: number;
  readonly maxHr: number;
  /** Multiplies the sport's typical speed. */
  readonly fitness: number;
  /** Metres per step when walking. */
  readonly strideM: number;
  readonly home: Place;
}

export function drawPersona(random: Random): Persona {
  const sex = random.chance(0.5) ? 'female' : 'male';
  const ageYears = random.int(18, 70);
  const heightCm = random.normal(sex === 'female' ? 165 : 178, 7);
  const bmi = Math.min(38, Math.max(18, random.normal(24.5, 3.5)));
  return {
    sex,
    ageYears,
    heightCm,
    weightKg: Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10,
    restingHr: Math.round(Math.min(80, Math.max(42, random.normal(60, 7)))),
    maxHr: Math.round(208 - 0.7 * ageYears + random.normal(0, 5)),
    fitness: Math.min(1.35, Math.max(0.7, random.normal(1, 0.12))),
    strideM: (heightCm / 100) * random.uniform(0.38, 0.45),
    home: random.pick(PLACES),
  };
}

/** Energy per minute from heart rate (Keytel et al. 2005), the model most HR devices use. */
export function heartRateKcalPerMin(persona: Persona, heartRate: number): number {
  const { weightKg: w, ageYears: a } = persona;
  const kj =
    persona.sex === 'male'
      ? -55.0969 + 0.6309 * heartRate + 0.1988 * w + 0.2017 * a
      : -20.4022 + 0.4472 * heartRate - 0.1263 * w + 0.074 * a;
  return Math.max(1.2, kj / 4.184);
}

/** Basal energy per day (Mifflin–St Jeor). */
export function basalKcalPerDay(
  persona: Pick<Persona, 'sex' | 'weightKg' | 'heightCm' | 'ageYears'>,
): number {
  const base = 10 * persona.weightKg + 6.25 * persona.heightCm - 5 * persona.ageYears;
  return base + (persona.sex === 'male' ? 5 : -161);
}
