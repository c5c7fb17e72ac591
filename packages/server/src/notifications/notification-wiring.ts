import type { ProviderModule } from '@syncwell/core';
import type { Logger } from 'pino';
import type { NotificationChannelsConfig } from '../config/notification-config.js';
import type { MetadataStore } from '../store/port.js';
import type { ChannelAdapter } from './channels/channel-port.js';
import { createConfiguredChannels } from './channels/configured-channels.js';
import { InMemoryDeliveryCounter, type DeliveryCounter } from './delivery/delivery-counter.js';
import { NotificationDeliverer } from './delivery/notification-deliverer.js';
import { createNotificationDispatcher } from './dispatch/notification-dispatcher.js';
import { createInboxNotifier } from './inbox/inbox-notifier.js';
import type { Notifier } from './port.js';

export interface NotificationParts {
  /** What every role notifies through: announce once, inbox, queue per channel. */
  readonly notifier: Notifier;
  /** Drains the outbox; started by the worker role. */
  readonly deliverer: NotificationDeliverer;
  readonly counter: DeliveryCounter;
  close(): Promise<void>;
}

/**
 * Builds the notifier and the deliverer from the configured channels. `counter` lets a metrics
 * registry count deliveries; without one they are counted in memory.
 */
export function createNotificationParts(deps: {
  readonly config: NotificationChannelsConfig;
  readonly store: MetadataStore;
  readonly modules: readonly ProviderModule[];
  readonly appUrl: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly counter?: DeliveryCounter;
  /** Replaces the configured adapters (tests). */
  readonly channels?: ReadonlyMap<ChannelAdapter['channel'], ChannelAdapter>;
  readonly tickMs?: number;
}): NotificationParts {
  const channels = deps.channels ?? createConfiguredChannels(deps.config, deps.now);
  const names = new Map(deps.modules.map((m) => [m.facts.id, m.facts.displayName]));
  const counter = deps.counter ?? new InMemoryDeliveryCounter();
  const notifier = createNotificationDispatcher({
    store: deps.store,
    inbox: createInboxNotifier(deps.store),
    channels: new Set(channels.keys()),
    now: deps.now,
    providerName: (provider) => names.get(provider),
  });
  const deliverer = new NotificationDeliverer({
    store: deps.store,
    channels,
    appUrl: deps.appUrl,
    counter,
    logger: deps.logger,
    now: deps.now,
    ...(deps.tickMs === undefined ? {} : { tickMs: deps.tickMs }),
  });
  return {
    notifier,
    deliverer,
    counter,
    async close() {
      await deliverer.stop();
      await Promise.all(
        [...channels.values()].map(async (channel) => {
          await channel.close?.();
        }),
      );
    },
  };
}
