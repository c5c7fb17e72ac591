/** Milliseconds since the epoch. The simulated phones decide on time only through this. */
export interface PhoneClock {
  now(): number;
}

/** A clock a test moves by hand. */
export class ManualPhoneClock implements PhoneClock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

export const DAY_MS = 86_400_000;
