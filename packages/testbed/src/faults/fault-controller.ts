import { epochMs, systemClock } from '@syncwell/core';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import {
  DEFAULT_TIMEOUT_HOLD_MS,
  MAX_TIMEOUT_HOLD_MS,
  validateFaultPlan,
  type FaultPlan,
  type FaultTarget,
} from './fault-plan.js';

/** What the hook does with one request, decided before any route runs. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'rateLimited' }
  | { readonly kind: 'timeout'; readonly holdMs: number }
  | { readonly kind: 'serverError'; readonly status: number };

/** How often each fault fired since the plan was set, so tests can check a fault was exercised. */
export interface FaultStats {
  delayed: number;
  injected: number;
  gone: number;
  rateLimited: number;
  timedOut: number;
  serverErrors: number;
  refusedRefreshes: number;
  corruptedItems: number;
  corruptedFiles: number;
}

/** The control surface every simulator exposes as `simulator.faults`. */
export interface FaultControls {
  /** Replaces the plan; its random stream, storm and counters start afresh. */
  set(plan: FaultPlan): void;
  /** Normal service again; requests held by a timeout fault are answered at once. */
  clear(): void;
  readonly plan: FaultPlan;
  stats(): Readonly<FaultStats>;
}

interface InjectedFailure {
  remaining: number;
  readonly status: number;
  readonly path: string | RegExp | undefined;
  readonly targets: readonly FaultTarget[];
}

const emptyStats = (): FaultStats => ({
  delayed: 0,
  injected: 0,
  gone: 0,
  rateLimited: 0,
  timedOut: 0,
  serverErrors: 0,
  refusedRefreshes: 0,
  corruptedItems: 0,
  corruptedFiles: 0,
});

/**
 * The provider-neutral half of fault injection: holds the plan and answers "what happens to
 * this request". The Fastify half (`fault-hooks.ts`) turns answers into the provider's replies.
 * Time is the simulator's clock, so a storm's duration follows `advanceClock`.
 */
export class FaultController implements FaultControls {
  #plan: FaultPlan = {};
  #stats = emptyStats();
  #errors = new SeededRandom(1);
  #latency = new SeededRandom(2);
  #stormStartMs = 0;
  #stormServed = 0;
  #timeoutsServed = 0;
  #corruptionOrder = new Map<string, number>();
  #corruptionSeen = { items: 0, files: 0 };
  readonly #failures: InjectedFailure[] = [];
  readonly #held = new Set<() => void>();

  constructor(private readonly nowMs: () => number = () => epochMs(systemClock)) {}

  get plan(): FaultPlan {
    return this.#plan;
  }

  set(plan: FaultPlan): void {
    this.#release();
    this.#plan = validateFaultPlan({ ...plan });
    const seed = plan.seed ?? 1;
    this.#errors = new SeededRandom(deriveSeed(seed, 0xe5));
    this.#latency = new SeededRandom(deriveSeed(seed, 0x1a));
    this.#stats = emptyStats();
    this.#stormStartMs = this.nowMs();
    this.#stormServed = 0;
    this.#timeoutsServed = 0;
    this.#corruptionOrder = new Map();
    this.#corruptionSeen = { items: 0, files: 0 };
  }

  clear(): void {
    this.set({});
  }

  stats(): Readonly<FaultStats> {
    return { ...this.#stats };
  }

  /** The legacy `failNext` control: the next `count` matching requests answer `status`. */
  failNext(
    count: number,
    status: number,
    opts: { path?: string | RegExp; targets?: readonly FaultTarget[] } = {},
  ): void {
    if (count <= 0) {
      this.#failures.length = 0; // failNext(0, …) has always meant "stop failing"
      return;
    }
    this.#failures.push({ remaining: count, status, path: opts.path, targets: opts.targets ?? ['api'] });
  }

  /** Delay before answering a request aimed at `target`, 0 when none. */
  latencyFor(target: FaultTarget): number {
    const latency = this.#plan.latencyMs;
    if (latency === undefined || !this.#inScope(target)) return 0;
    const ms = typeof latency === 'number' ? latency : this.#latency.between(latency.min, latency.max);
    if (ms > 0) this.#stats.delayed++;
    return ms;
  }

  /** The request-level fault for one request, or null to serve it normally. */
  actionFor(target: FaultTarget | null, path: string): FaultAction | null {
    const injected = this.#takeFailure(target, path);
    if (injected !== null) {
      this.#stats.injected++;
      return { kind: 'status', status: injected };
    }
    if (target === null || !this.#inScope(target)) return null;
    const plan = this.#plan;
    if (plan.gone410 === true) {
      this.#stats.gone++;
      return { kind: 'gone' };
    }
    if (this.#stormActive()) {
      this.#stormServed++;
      this.#stats.rateLimited++;
      return { kind: 'rateLimited' };
    }
    if (plan.timeout !== undefined && this.#timeoutsServed < (plan.timeout.count ?? Infinity)) {
      this.#timeoutsServed++;
      this.#stats.timedOut++;
      return {
        kind: 'timeout',
        holdMs: Math.min(MAX_TIMEOUT_HOLD_MS, plan.timeout.holdMs ?? DEFAULT_TIMEOUT_HOLD_MS),
      };
    }
    const rate = plan.errorRate5xx;
    if (rate !== undefined) {
      const [probability, status] = typeof rate === 'number' ? [rate, 503] : [rate.rate, rate.status ?? 503];
      // Always draw, so one request's outcome does not shift every later one when the rate changes.
      if (this.#errors.next() < probability) {
        this.#stats.serverErrors++;
        return { kind: 'serverError', status };
      }
    }
    return null;
  }

  /** Whether the token endpoint refuses this refresh. */
  refusesRefresh(): boolean {
    if (this.#plan.invalidGrant !== true) return false;
    this.#stats.refusedRefreshes++;
    return true;
  }

  /** The access-token lifetime the plan imposes, if any. */
  tokenLifetimeCapMs(): number | undefined {
    return this.#plan.expireTokensAfterMs;
  }

  /** Whether the list item or file known by `key` is served corrupted (sticky per key). */
  corrupts(kind: 'items' | 'files', key: string): boolean {
    const malformed = this.#plan.malformedPayload;
    if (malformed === undefined) return false;
    const target = malformed.target ?? 'both';
    if (target !== 'both' && target !== kind) return false;
    const id = `${kind}:${key}`;
    let index = this.#corruptionOrder.get(id);
    if (index === undefined) {
      index = this.#corruptionSeen[kind]++;
      this.#corruptionOrder.set(id, index);
    }
    // Evenly spread: exactly floor(n × share) of the first n distinct items.
    const hit = Math.floor((index + 1) * malformed.share) > Math.floor(index * malformed.share);
    if (hit) this.#stats[kind === 'items' ? 'corruptedItems' : 'corruptedFiles']++;
    return hit;
  }

  /** Parks a held request; `release` runs when the plan changes, so `clear()` frees it. */
  hold(release: () => void): () => void {
    this.#held.add(release);
    return () => this.#held.delete(release);
  }

  #release(): void {
    const waiting = [...this.#held];
    this.#held.clear();
    for (const release of waiting) release();
  }

  #inScope(target: FaultTarget): boolean {
    const scope = this.#plan.scope ?? 'api';
    return scope === 'both' || scope === target;
  }

  #stormActive(): boolean {
    const storm = this.#plan.rateLimitStorm;
    if (storm === undefined) return false;
    if (storm.count !== undefined && this.#stormServed >= storm.count) return false;
    return storm.durationMs === undefined || this.nowMs() - this.#stormStartMs < storm.durationMs;
  }

  /** A failure with a path matches that path anywhere; one without matches its targets. */
  #takeFailure(target: FaultTarget | null, path: string): number | null {
    const failure = this.#failures.find(
      (f) =>
        f.remaining > 0 &&
        (f.path === undefined
          ? target !== null && f.targets.includes(target)
          : typeof f.path === 'string'
            ? f.path === path
            : f.path.test(path)),
    );
    if (failure === undefined) return null;
    failure.remaining -= 1;
    if (failure.remaining === 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
    return failure.status;
  }
}
