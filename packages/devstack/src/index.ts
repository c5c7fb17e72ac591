/**
 * SyncWell wired to the simulated provider clouds: what `npm start`, `npm run demo` and the
 * end-to-end tests build on. Nothing in production depends on this package (eslint.config.js).
 */
export { DEMO_CREDENTIALS, DEMO_PROVIDERS, type DemoProvider } from './simulators/demo-credentials.js';
export { simulatorEnv } from './simulators/simulator-env.js';
export { newWebhookSecrets, webhookEnv, type DemoWebhookSecrets } from './simulators/webhook-secrets.js';
export {
  startDemoSimulators,
  type DemoSimulatorHandles,
  type RunningSimulators,
} from './simulators/demo-simulators.js';
export { subscribeProviderPush, PushWiringError, type PushWiring } from './simulators/push-subscriptions.js';
export { startDevStack, type DevStack, type DevStackOptions } from './launcher/dev-stack.js';
export { runDemoFlow, describeRun, type DemoResult } from './demo/demo-flow.js';
export { waitForTriggeredRun } from './demo/triggered-run.js';
export { startNotificationServices, type NotificationServices } from './simulators/notification-services.js';
