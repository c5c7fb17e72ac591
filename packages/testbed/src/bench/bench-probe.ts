/**
 * Counts what the bench providers saw, so a benchmark can tell how many jobs were really
 * waiting on a provider at once (the figure P3 is about) without touching the server.
 */
export interface BenchProbe {
  /** Provider calls started and not yet answered, right now. */
  readonly inFlight: number;
  /** The most calls ever pending at once. */
  readonly peakInFlight: number;
  /** Reads started (before their latency); with `writes`, how many jobs are between read and write. */
  readonly readsStarted: number;
  /** Reads answered. */
  readonly reads: number;
  /** Writes answered. */
  readonly writes: number;
  readonly recordsRead: number;
  readonly recordsWritten: number;
}

/** The mutable side the modules update; benchmarks read it through `BenchProbe`. */
export class BenchProbeCounter implements BenchProbe {
  inFlight = 0;
  peakInFlight = 0;
  readsStarted = 0;
  reads = 0;
  writes = 0;
  recordsRead = 0;
  recordsWritten = 0;

  /** Wraps one provider call: counted as pending from its start until it settles. */
  async track<T>(call: () => Promise<T>): Promise<T> {
    this.inFlight++;
    if (this.inFlight > this.peakInFlight) this.peakInFlight = this.inFlight;
    try {
      return await call();
    } finally {
      this.inFlight--;
    }
  }

  reset(): void {
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.readsStarted = 0;
    this.reads = 0;
    this.writes = 0;
    this.recordsRead = 0;
    this.recordsWritten = 0;
  }
}
