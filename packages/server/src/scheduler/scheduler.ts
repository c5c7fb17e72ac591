import type { Logger } from 'pino';
import type { Coordination, Lock } from '../coordination/port.js';
import type { MetadataStore, RuleRow } from '../store/port.js';
import type { RunDispatcher } from './run-dispatcher.js';

export interface SchedulerOptions {
  readonly store: MetadataStore;
  readonly dispatcher: RunDispatcher;
  readonly logger: Logger;
  /** Several scheduler copies may run; one tick at a time is theirs by this lock. */
  readonly coordination: Coordination;
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
 * next slot simply moves on. Copies of the scheduler take turns through a lock, so a rule is
 * dispatched once per slot however many copies run.
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
    const now = (this.options.now ?? Date.now)();
    let created = 0;
    let lock: Lock | null;
    try {
      lock = await this.options.coordination.acquireLock('scheduler:tick', this.options.tickMs ?? 30_000);
    } catch (error) {
      // start() fires ticks with `void`: a rejection here would be unhandled and end the process.
      logger.error({ err: error }, 'scheduler tick failed');
      return 0;
    }
    if (!lock) return 0; // another copy is ticking
    try {
      const due = await store.listDueRules(new Date(now), this.options.batchSize ?? 500);
      for (const rule of due) {
        await store.setRuleNextRunAt(rule.id, this.nextRunAt(rule, now));
        if (await store.hasActiveRun(rule.id)) continue;
        await dispatcher.dispatch(rule.id, rule.userId, 'scheduled');
        created += 1;
      }
      const requeued = await dispatcher.requeueUnfinished(
        new Date(now - (this.options.staleRunMs ?? 120_000)),
      );
      if (requeued > 0) logger.info({ requeued }, 'requeued stale runs');
    } catch (error) {
      logger.error({ err: error }, 'scheduler tick failed');
    } finally {
      await lock.release();
    }
    return created;
  }

  nextRunAt(rule: Pick<RuleRow, 'intervalMinutes'>, now: number): Date {
    const interval = rule.intervalMinutes * 60_000;
    const jitter =
      (this.options.jitterRatio ?? 0.1) * interval * (2 * (this.options.random ?? Math.random)() - 1);
    return new Date(now + interval + jitter);
  }
}
