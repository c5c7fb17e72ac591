import type { WebhookEvent } from '@syncwell/core';
import type { Logger } from 'pino';
import type { ConnectionCheckOutcome } from '../connections/connection-check.js';
import type { MetadataStore } from '../store/port.js';
import type { RunDispatcher } from './run-dispatcher.js';

/** Asks the provider whether a connection's grant stands (`ConnectionCheck`). */
export interface ConnectionChecker {
  check(connectionId: string): Promise<ConnectionCheckOutcome>;
}

/**
 * Turns provider notifications into targeted syncs. A lifecycle event (`deauthorize`: Strava
 * deauthorisation, Withings unlink, Garmin deregistration) changes nothing by itself, signed or
 * not: it only makes `checker` ask the provider, and only the provider's refusal moves the
 * connection (DESIGN §6.5). Providers send bursts (one event per
 * activity, retries), so events for a rule within `debounceMs` collapse into one run.
 */
export class WebhookSyncTrigger {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: MetadataStore,
    private readonly dispatcher: RunDispatcher,
    private readonly logger: Logger,
    private readonly debounceMs = 5_000,
    /** Without one (tests of syncs only), lifecycle events are logged and otherwise ignored. */
    private readonly checker?: ConnectionChecker,
  ) {}

  async onEvents(connectionIds: readonly string[], event: WebhookEvent): Promise<void> {
    if (event.action === 'deauthorize') {
      for (const id of connectionIds) {
        const outcome = this.checker === undefined ? 'unchecked' : await this.checker.check(id);
        this.logger.info({ connectionId: id, outcome }, 'lifecycle event checked with the provider');
      }
      return;
    }
    for (const connectionId of connectionIds) {
      const rules = await this.store.listRulesByConnection(connectionId);
      for (const rule of rules) {
        const wants = event.dataType === null || rule.dataTypes.includes(event.dataType);
        if (rule.enabled && rule.sourceConnectionId === connectionId && wants)
          this.schedule(rule.id, rule.userId);
      }
    }
  }

  private schedule(ruleId: string, userId: string): void {
    if (this.pending.has(ruleId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(ruleId);
      void this.fire(ruleId, userId);
    }, this.debounceMs);
    timer.unref();
    this.pending.set(ruleId, timer);
  }

  private async fire(ruleId: string, userId: string): Promise<void> {
    try {
      // A run in flight may already be past the new data: look again once it is done.
      if (await this.store.hasActiveRun(ruleId)) this.schedule(ruleId, userId);
      else if (!(await this.dispatcher.dispatch(ruleId, userId, 'webhook')).created)
        this.schedule(ruleId, userId);
    } catch (error) {
      this.logger.error({ err: error, ruleId }, 'webhook-triggered sync failed to start');
    }
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
