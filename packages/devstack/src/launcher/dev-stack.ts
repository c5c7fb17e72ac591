import { startSyncWell, type SyncWellRuntime, type SyncWellRuntimeOptions } from '@syncwell/server';
import { startDemoSimulators, type RunningSimulators } from '../simulators/demo-simulators.js';
import { startNotificationServices, type NotificationServices } from '../simulators/notification-services.js';
import { subscribeProviderPush, type PushWiring } from '../simulators/push-subscriptions.js';
import { newWebhookSecrets, webhookEnv } from '../simulators/webhook-secrets.js';

export interface DevStackOptions {
  /** SyncWell's environment (PORT, SYNCWELL_DATA_DIR, LOG_LEVEL, ...); provider settings are added. */
  readonly env: NodeJS.ProcessEnv;
  /** Where SyncWell's JSON log goes (level from LOG_LEVEL); stdout when unset. */
  readonly logDestination?: SyncWellRuntimeOptions['logDestination'];
  readonly webhookDebounceMs?: number;
  readonly schedulerTickMs?: number;
}

/** SyncWell in one process, every simulated cloud, and push wired between them. */
export interface DevStack {
  readonly runtime: SyncWellRuntime;
  readonly simulators: RunningSimulators;
  readonly push: readonly PushWiring[];
  /** Stand-ins for Web Push, APNs, FCM, SMTP and a webhook receiver, wired as SyncWell's channels. */
  readonly notifications: NotificationServices;
  close(): Promise<void>;
}

/**
 * What `npm start` runs: the simulators first (SyncWell's configuration names their URLs), then
 * SyncWell with the simulators' credentials and fresh webhook secrets, then each cloud's push
 * subscribed to SyncWell (most subscriptions begin with a handshake SyncWell must answer).
 *
 * @example
 *   const stack = await startDevStack({ env: process.env });
 *   await stack.simulators.handles.polar.addExercise(athleteId); // pushed to SyncWell
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const secrets = newWebhookSecrets();
  const simulators = await startDemoSimulators({ webhookSecrets: secrets });
  const notifications = await startNotificationServices();
  let runtime: SyncWellRuntime | undefined;
  try {
    runtime = await startSyncWell({
      // Notification settings from the environment (real APNs keys, say) win over the stand-ins.
      env: {
        ...demoLinksEnv(simulators, notifications),
        ...notifications.env,
        ...options.env,
        ...simulators.env,
        ...webhookEnv(secrets),
      },
      ...(options.logDestination === undefined ? {} : { logDestination: options.logDestination }),
      ...(options.webhookDebounceMs === undefined ? {} : { webhookDebounceMs: options.webhookDebounceMs }),
      ...(options.schedulerTickMs === undefined ? {} : { schedulerTickMs: options.schedulerTickMs }),
    });
    const push = await subscribeProviderPush(simulators.handles, secrets, runtime.url);
    const started = runtime;
    return {
      runtime: started,
      simulators,
      push,
      notifications,
      close: async () => {
        await started.close();
        await Promise.all([simulators.close(), notifications.close()]);
      },
    };
  } catch (error) {
    await runtime?.close();
    await Promise.all([simulators.close(), notifications.close()]);
    throw error;
  }
}

/** The links the web app lists in its demo box: where to see what the simulated clouds received. */
function demoLinksEnv(simulators: RunningSimulators, notifications: NotificationServices): NodeJS.ProcessEnv {
  const links = [
    { label: 'What the Strava simulator received', url: `${simulators.urls.strava}/demo/received` },
    { label: 'Web Push notifications received', url: `${notifications.webPush.url}/received` },
  ];
  return { SYNCWELL_DEMO_LINKS: JSON.stringify(links) };
}
