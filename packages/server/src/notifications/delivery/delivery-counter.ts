import type { DeliveryChannel } from '../../store/push-port.js';

/** `delivered`, `retry`, `gone` (target removed), `rejected`, or `failed` (retries used up, or undeliverable). */
export type DeliveryResultLabel = 'delivered' | 'retry' | 'gone' | 'rejected' | 'failed';

/**
 * Counts delivery attempts by channel and result. A small port so metrics can bind it to
 * prom-client (`syncwell_notification_deliveries_total{channel,result}`) without this module
 * depending on a metrics library. Labels are bounded: five channels × five results, no user id.
 */
export interface DeliveryCounter {
  count(channel: DeliveryChannel, result: DeliveryResultLabel): void;
}

/** Keeps the counts in memory; what the runtime uses until a metrics registry binds the port. */
export class InMemoryDeliveryCounter implements DeliveryCounter {
  private readonly counts = new Map<string, number>();

  count(channel: DeliveryChannel, result: DeliveryResultLabel): void {
    const key = `${channel}:${result}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** `{ 'apns:delivered': 2, 'fcm:gone': 1 }` */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
