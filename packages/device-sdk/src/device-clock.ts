/** Milliseconds since the epoch. Everything in the SDK that decides on time takes one. */
export interface DeviceClock {
  now(): number;
}
