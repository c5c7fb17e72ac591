import { NotFoundError, SyncWellError } from '@syncwell/core';
import { isTimeZone } from '@syncwell/insights';
import { z } from 'zod';
import { nextSummaryDue } from '../../insights/weekly-summary-scheduler.js';
import { DEFAULT_TIME_ZONE } from '../../insights/summary-adapter.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import { conversationView, scheduleView, summaryView } from '../views/insights-views.js';
import type { ZodApp } from '../zod-app.js';

/**
 * `/v1/insights` (DESIGN §10): the troubleshooter conversation (start, answer, read) and the
 * weekly summary (latest, recomputed on request; its schedule). The api only forwards to the
 * insights service through its resilient client: when the service is slow or down these answer
 * 503 SW_INSIGHTS_UNAVAILABLE, and nothing else in the API is affected.
 */
export function registerInsightsRoutes(app: ZodApp, ctx: RouteContext): void {
  const insights = ctx.insights;
  if (insights === undefined) return;
  const tags = ['insights'];

  app.post(
    '/v1/insights/troubleshooter',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: 'Start a troubleshooting conversation',
        body: z.strictObject({ message: z.string().trim().min(1).max(2000) }),
        response: { 201: z.object({ conversation: conversationView }) },
      },
    },
    async (request, reply) => {
      const conversation = await insights.client.startConversation({
        userId: callerId(request),
        message: request.body.message,
      });
      return reply.code(201).send({ conversation });
    },
  );

  app.get(
    '/v1/insights/troubleshooter/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: 'Read a conversation',
        params: idParams,
        response: { 200: z.object({ conversation: conversationView }) },
      },
    },
    async (request) => {
      const conversation = await insights.client.readConversation({
        userId: callerId(request),
        conversationId: request.params.id,
      });
      if (conversation === null) throw new NotFoundError('conversation', request.params.id);
      return { conversation };
    },
  );

  app.post(
    '/v1/insights/troubleshooter/:id/answers',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: "Answer the conversation's question",
        params: idParams,
        body: z.strictObject({ answer: z.string().min(1).max(200) }),
        response: { 200: z.object({ conversation: conversationView }) },
      },
    },
    async (request) => ({
      conversation: await insights.client.answerConversation({
        userId: callerId(request),
        conversationId: request.params.id,
        answer: request.body.answer,
      }),
    }),
  );

  app.get(
    '/v1/insights/summaries/latest',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: 'The last seven days against the seven before, recomputed from your sources now',
        response: { 200: z.object({ summary: summaryView }) },
      },
    },
    async (request) => ({ summary: await insights.client.weeklySummary({ userId: callerId(request) }) }),
  );

  const toSchedule = (row: {
    timeZone: string;
    enabled: boolean;
    nextDueAt: Date;
    lastSentWeek: string | null;
  }) => ({
    timeZone: row.timeZone,
    enabled: row.enabled,
    nextDueAt: row.nextDueAt.toISOString(),
    lastSentWeek: row.lastSentWeek,
  });

  app.get(
    '/v1/insights/summaries/schedule',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: 'When your weekly summary comes',
        response: { 200: z.object({ schedule: scheduleView }) },
      },
    },
    async (request) => {
      const userId = callerId(request);
      const row =
        (await ctx.store.getSummarySchedule(userId)) ??
        (await ctx.store.upsertSummarySchedule({
          userId,
          timeZone: DEFAULT_TIME_ZONE,
          enabled: true,
          nextDueAt: nextSummaryDue(ctx.now(), DEFAULT_TIME_ZONE),
        }));
      return { schedule: toSchedule(row) };
    },
  );

  app.put(
    '/v1/insights/summaries/schedule',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags,
        summary: 'Set your time zone (weeks start Monday at local midnight) or switch summaries off',
        body: z.strictObject({ timeZone: z.string().min(1).max(64), enabled: z.boolean().default(true) }),
        response: { 200: z.object({ schedule: scheduleView }) },
      },
    },
    async (request) => {
      const { timeZone, enabled } = request.body;
      if (!isTimeZone(timeZone)) {
        throw new SyncWellError(
          'SW_VALIDATION_FAILED',
          'timeZone must be an IANA time zone such as Europe/Berlin',
          { field: 'timeZone' },
        );
      }
      const row = await ctx.store.upsertSummarySchedule({
        userId: callerId(request),
        timeZone,
        enabled,
        nextDueAt: nextSummaryDue(ctx.now(), timeZone),
      });
      return { schedule: toSchedule(row) };
    },
  );
}
