import { epochMs, systemClock } from '@syncwell/core';
import type { Logger } from 'pino';
import type { MetadataStore, RuleRow } from '../store/port.js';
import type { RunDispatcher } from './run-dispatcher.js';

/** Bounds one tick, so a huge backlog cannot keep a tick (and shutdown) waiting forever. */
const MAX_ROUNDS_PER_TICK = 100;

export interface SchedulerOptions {
  readonly store: MetadataStore;
  readonly dispatcher: RunDispatcher;
  readonly logger: Logger;
  /** How long a claimed rule stays out of other copies' reach if this one dies mid-dispatch. */
  readonly leaseMs?: number;
  /** How often to look for due rules. */
  readonly tickMs?: number;
  readonly batchSize?: number;
  /** Runs unfinished for longer than this get their job again on each tick (default 2 min). */
  readonly staleRunMs?: number;
  /** ± share of the interval added at random, so rules created together spread out. */
  readonly jitterRatio?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Turns `next_run_at` into runs. A rule that still has a run in flight is not stacked: its
 * next slot simply moves on. Copies of the scheduler share the work through the store's
 * `claimDueRules` (FOR UPDATE SKIP LOCKED on PostgreSQL), so a rule is dispatched once per slot
 * however many copies run.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    const tickMs = this.options.tickMs ?? 30_000;
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** Dispatches due rules; returns how many runs it created. Never overlaps itself. */
  tick(): Promise<number> {
    this.ticking ??= this.dispatchDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }

  private async dispatchDue(): Promise<number> {
    const { store, dispatcher, logger } = this.options;
    const now = (this.options.now ?? (() => epochMs(systemClock)))();
    const batchSize = this.options.batchSize ?? 500;
    let created = 0;
    try {
      // Drain everything due in this tick, batch by batch; each claim leases its rules, so
      // scheduler copies running side by side take disjoint batches.
      for (let round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
        const due = await store.claimDueRules(new Date(now), batchSize, this.options.leaseMs ?? 5 * 60_000);
        const dispatched = await Promise.all(due.map((rule) => this.dispatchRule(rule, now)));
        created += dispatched.filter(Boolean).length;
        if (due.length < batchSize) break;
      }
      const requeued = await dispatcher.requeueUnfinished(
        new Date(now - (this.options.staleRunMs ?? 120_000)),
      );
      if (requeued > 0) logger.info({ requeued }, 'requeued stale runs');
    } catch (error) {
      // start() fires ticks with `void`: a rejection here would be unhandled and end the process.
      logger.error({ err: error }, 'scheduler tick failed');
    }
    return created;
  }

  /**
   * Sets the rule's real next slot (replacing the claim's lease) and runs it unless one is in
   * flight: the store joins a queued or running run instead of stacking a second (race-safe
   * against a manual sync arriving at the same moment).
   */
  private async dispatchRule(rule: RuleRow, now: number): Promise<boolean> {
    const { store, dispatcher } = this.options;
    await store.setRuleNextRunAt(rule.id, this.nextRunAt(rule, now));
    const { created } = await dispatcher.dispatch(rule.id, rule.userId, 'scheduled');
    return created;
  }

  nextRunAt(rule: Pick<RuleRow, 'intervalMinutes'>, now: number): Date {
    const interval = rule.intervalMinutes * 60_000;
    const jitter =
      (this.options.jitterRatio ?? 0.1) * interval * (2 * (this.options.random ?? Math.random)() - 1);
    return new Date(now + interval + jitter);
  }
}
