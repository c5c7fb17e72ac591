/**
 * The simulated network round trip of one provider call. Zero means no timer at all: a
 * zero-latency benchmark measures SyncWell's own cost, and even `setTimeout(0)` would add a
 * trip through the timers phase of the event loop per call.
 */
export function simulatedLatency(latencyMs: number): Promise<void> {
  if (latencyMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, latencyMs));
}
