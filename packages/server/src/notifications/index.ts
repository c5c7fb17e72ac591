export type { NotificationEvent, Notifier } from './port.js';
export { silentNotifier } from './port.js';
export { createInboxNotifier } from './inbox/inbox-notifier.js';
