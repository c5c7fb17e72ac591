import { z } from 'zod';
import { DELIVERY_CHANNELS, NOTIFICATION_KINDS, type NotificationSettingsRow } from '../../store/port.js';
import { isTimeZone } from '@syncwell/insights';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import type { ZodApp } from '../zod-app.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

const quietHours = z
  .strictObject({
    start: clock,
    end: clock,
    timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
  })
  .refine((q) => q.start !== q.end, { error: 'start and end must differ' })
  .describe(
    'Deliveries that fall inside are held until the end (local time in `timeZone`); the inbox still gets them.',
  );

const channelSwitches = z.partialRecord(z.enum(DELIVERY_CHANNELS), z.boolean());

const preferences = z.object({
  kinds: z
    .record(z.enum(NOTIFICATION_KINDS), channelSwitches)
    .describe(
      'Per kind, per outbound channel: on (true) or off (false). Everything is on unless switched off.',
    ),
  quietHours: quietHours.nullable(),
});

const putBody = z.strictObject({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), channelSwitches).default({}),
  quietHours: quietHours.nullable().default(null),
});

const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const toClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function toView(row: NotificationSettingsRow | null): z.infer<typeof preferences> {
  const kinds = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        DELIVERY_CHANNELS.map((channel) => [
          channel,
          !(row?.disabled ?? []).some((d) => d.kind === kind && d.channel === channel),
        ]),
      ),
    ]),
  ) as z.infer<typeof preferences>['kinds'];
  const quiet = row?.quietHours ?? null;
  return {
    kinds,
    quietHours:
      quiet === null
        ? null
        : { start: toClock(quiet.startMinute), end: toClock(quiet.endMinute), timeZone: quiet.timeZone },
  };
}

/**
 * What the caller wants to hear on which channel, and when not (DESIGN §10). The in-app inbox
 * always records every notice; these switches govern push, email and the webhook.
 */
export function registerNotificationPreferenceRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/notification-preferences',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['notifications'], response: { 200: z.object({ preferences }) } },
    },
    async (request) => ({ preferences: toView(await ctx.store.getNotificationSettings(callerId(request))) }),
  );

  app.put(
    '/v1/notification-preferences',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['notifications'],
        description:
          'Replaces the preferences: every kind × channel not switched off (`false`) here is on; `quietHours` null clears them.',
        body: putBody,
        response: { 200: z.object({ preferences }) },
      },
    },
    async (request) => {
      const { kinds, quietHours: quiet } = request.body;
      const disabled = Object.entries(kinds).flatMap(([kind, switches]) =>
        Object.entries(switches)
          .filter(([, on]) => !on)
          .map(([channel]) => ({
            kind: kind as (typeof NOTIFICATION_KINDS)[number],
            channel: channel as (typeof DELIVERY_CHANNELS)[number],
          })),
      );
      const saved = await ctx.store.putNotificationSettings({
        userId: callerId(request),
        disabled,
        quietHours:
          quiet === null
            ? null
            : {
                startMinute: toMinute(quiet.start),
                endMinute: toMinute(quiet.end),
                timeZone: quiet.timeZone,
              },
      });
      return { preferences: toView(saved) };
    },
  );
}
