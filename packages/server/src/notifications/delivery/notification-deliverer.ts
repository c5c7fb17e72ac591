import type { Logger } from 'pino';
import type { DeliveryChannel, DeliveryRow, MetadataStore } from '../../store/port.js';
import type { ChannelAdapter, ChannelTarget, SendResult } from '../channels/channel-port.js';
import { renderNotice } from '../message/notice-message.js';
import { parseNotice } from '../message/notice.js';
import type { DeliveryCounter } from './delivery-counter.js';

export type DelivererStore = Pick<
  MetadataStore,
  'claimDueDeliveries' | 'recordDeliveryAttempt' | 'getPushTarget' | 'deletePushTarget' | 'getUser'
>;

export interface NotificationDelivererOptions {
  readonly store: DelivererStore;
  readonly channels: ReadonlyMap<DeliveryChannel, ChannelAdapter>;
  /** Where links in notices point: the web app's origin (PUBLIC_URL). */
  readonly appUrl: string;
  readonly counter: DeliveryCounter;
  readonly logger: Logger;
  readonly now: () => Date;
  /** In [0, 1); jitter of the backoff. */
  readonly random?: () => number;
  readonly tickMs?: number;
  readonly batchSize?: number;
  /** Attempts per delivery before it is given up (`failed`). Default 6 (about an hour of backoff). */
  readonly maxAttempts?: number;
  /** A claimed delivery stays out of other workers' reach this long while it is sent. */
  readonly leaseMs?: number;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/** Exponential backoff with equal jitter: half fixed, half random, so retries spread out. */
export function deliveryBackoffMs(attempt: number, random: () => number): number {
  const full = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

/**
 * Drains the delivery outbox (worker role): claims due deliveries by lease, sends each through its
 * channel, and records the outcome. A retry goes back with backoff (or the service's Retry-After)
 * until `maxAttempts`; a target the service says is gone is deleted; every attempt is counted.
 */
export class NotificationDeliverer {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;

  constructor(private readonly options: NotificationDelivererOptions) {}

  start(): void {
    // A tick while a pass runs is skipped; the running pass picks up what is due.
    this.timer = setInterval(() => {
      if (this.draining === undefined) void this.drain();
    }, this.options.tickMs ?? 2_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
  }

  /**
   * Sends everything due now; returns how many deliveries this pass attempted. Passes never
   * overlap: a call during a pass runs another one after it, so what was queued before the call
   * is sent when it resolves.
   */
  drain(): Promise<number> {
    const pass = (this.draining ?? Promise.resolve(0)).then(() => this.drainDue());
    const tracked: Promise<number> = pass.finally(() => {
      if (this.draining === tracked) this.draining = undefined;
    });
    this.draining = tracked;
    return tracked;
  }

  private async drainDue(): Promise<number> {
    const { store, batchSize = 50, leaseMs = 120_000 } = this.options;
    let attempted = 0;
    for (;;) {
      let due: DeliveryRow[];
      try {
        due = await store.claimDueDeliveries(this.options.now(), batchSize, leaseMs);
      } catch (error) {
        this.options.logger.warn(
          { err: { message: (error as Error).message } },
          'notification outbox unreadable',
        );
        return attempted;
      }
      if (due.length === 0) return attempted;
      await Promise.all(due.map((delivery) => this.deliverSafely(delivery)));
      attempted += due.length;
      if (due.length < batchSize) return attempted;
    }
  }

  private async deliverSafely(delivery: DeliveryRow): Promise<void> {
    try {
      await this.deliver(delivery);
    } catch (error) {
      // The lease runs out and a later drain tries again.
      this.options.logger.warn(
        { deliveryId: delivery.id, channel: delivery.channel, err: { message: (error as Error).message } },
        'notification delivery not recorded',
      );
    }
  }

  private async deliver(delivery: DeliveryRow): Promise<void> {
    const { counter } = this.options;
    const channel = this.options.channels.get(delivery.channel);
    const notice = parseNotice(delivery.notice);
    if (channel === undefined || notice === null) {
      await this.finish(delivery, 'failed', channel === undefined ? 'channel_not_configured' : 'bad_notice');
      return;
    }
    const target = await this.targetOf(delivery);
    if (target === null) {
      // Unsubscribed, or the account was deleted, between queueing and sending.
      await this.finish(delivery, 'dead', 'target_removed');
      counter.count(delivery.channel, 'gone');
      return;
    }
    let result: SendResult;
    try {
      result = await channel.send(renderNotice(notice, this.options.appUrl), target, {
        deliveryId: delivery.id,
      });
    } catch {
      result = { result: 'retry', outcome: 'error' };
    }
    await this.settle(delivery, result);
  }

  private async settle(delivery: DeliveryRow, result: SendResult): Promise<void> {
    const { store, counter } = this.options;
    switch (result.result) {
      case 'delivered':
        await this.finish(delivery, 'delivered', result.outcome);
        break;
      case 'gone':
        if (delivery.targetId !== null) await store.deletePushTarget(delivery.targetId);
        await this.finish(delivery, 'dead', result.outcome);
        break;
      case 'rejected':
        await this.finish(delivery, 'failed', result.outcome);
        break;
      case 'retry': {
        const attempt = delivery.attempts + 1;
        if (attempt >= (this.options.maxAttempts ?? 6)) {
          await this.finish(delivery, 'failed', result.outcome);
          counter.count(delivery.channel, 'failed');
          return;
        }
        const backoff = deliveryBackoffMs(attempt, this.options.random ?? Math.random);
        const wait = Math.min(MAX_BACKOFF_MS, Math.max(backoff, result.retryAfterMs ?? 0));
        await store.recordDeliveryAttempt(delivery.id, {
          status: 'pending',
          outcome: result.outcome,
          nextAttemptAt: new Date(this.options.now().getTime() + wait),
        });
        break;
      }
    }
    counter.count(delivery.channel, result.result);
    this.options.logger.info(
      { deliveryId: delivery.id, channel: delivery.channel, result: result.result, outcome: result.outcome },
      'notification delivery',
    );
  }

  private finish(delivery: DeliveryRow, status: 'delivered' | 'dead' | 'failed', outcome: string) {
    return this.options.store.recordDeliveryAttempt(delivery.id, { status, outcome });
  }

  private async targetOf(delivery: DeliveryRow): Promise<ChannelTarget | null> {
    const { store } = this.options;
    if (delivery.channel === 'webhook') return { userId: delivery.userId, address: delivery.userId };
    if (delivery.channel === 'email') {
      const user = await store.getUser(delivery.userId);
      return user === null ? null : { userId: delivery.userId, address: user.email };
    }
    if (delivery.targetId === null) return null;
    const target = await store.getPushTarget(delivery.targetId);
    if (target === null || target.userId !== delivery.userId) return null;
    return { userId: target.userId, address: target.address, p256dh: target.p256dh, auth: target.auth };
  }
}
