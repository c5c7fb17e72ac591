import type { NotificationChannelsConfig } from '../../config/notification-config.js';
import type { DeliveryChannel } from '../../store/push-port.js';
import { createApnsChannel } from './apns/apns-channel.js';
import type { ChannelAdapter } from './channel-port.js';
import { createEmailChannel } from './email/email-channel.js';
import { createFcmChannel } from './fcm/fcm-channel.js';
import { createWebhookChannel } from './webhook/webhook-channel.js';
import { createWebPushChannel } from './web-push/web-push-channel.js';

/** One adapter per channel the deployment has credentials for. */
export function createConfiguredChannels(
  config: NotificationChannelsConfig,
  now: () => Date,
): Map<DeliveryChannel, ChannelAdapter> {
  const channels = new Map<DeliveryChannel, ChannelAdapter>();
  if (config.webPush !== undefined) channels.set('web_push', createWebPushChannel(config.webPush, { now }));
  if (config.apns !== undefined) channels.set('apns', createApnsChannel(config.apns, { now }));
  if (config.fcm !== undefined) channels.set('fcm', createFcmChannel(config.fcm, { now }));
  if (config.email !== undefined) channels.set('email', createEmailChannel(config.email));
  if (config.webhook !== undefined) channels.set('webhook', createWebhookChannel(config.webhook, { now }));
  return channels;
}
