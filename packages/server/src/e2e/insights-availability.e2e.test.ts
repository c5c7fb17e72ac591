import type { Workout } from '@syncwell/core';
import type { ConversationView, WeeklySummary } from '@syncwell/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncWellApiError, type SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import type { RoleProcess } from './role-process.js';

/** Five processes start (LangChain loads in the insights one); a busy two-core machine needs time. */
const INSIGHTS_START_MS = 120_000;

interface ConflictDetail {
  conflict: {
    id: string;
    status: string;
    versions: {
      suggestion: { preferred: string; advisor: string } | null;
      suggestedBy: string | null;
    } | null;
  };
}

/**
 * The insights service as its own process on the production stack (PostgreSQL + Redis + role
 * processes): the worker asks it about conflicts of an `ai_suggestion` rule, the api about the
 * "ask me" view and conversations. Killed mid-run, syncs go on unaffected with the
 * deterministic fallbacks; started again, it resumes a conversation from its PostgreSQL
 * checkpoint.
 */
describe('insights service down: syncs are unaffected (production layout)', () => {
  let stack: ProcessStack;
  let insights: RoleProcess;
  let client: SyncWellApiClient;
  let ruleId: string;

  beforeAll(async () => {
    const port = await freePort();
    stack = await startProcessStack({
      seed: 91,
      polarWorkouts: 6,
      uploadProcessingMs: 20,
      startTimeoutMs: INSIGHTS_START_MS,
      env: {
        SYNCWELL_INSIGHTS_URL: `http://127.0.0.1:${port}`,
        SYNCWELL_INSIGHTS_PORT: String(port),
        SYNCWELL_INSIGHTS_TIMEOUT_MS: '500',
      },
    });
    insights = await stack.start('insights', INSIGHTS_START_MS);
    await stack.start('api');
    await stack.start('worker');
    ({ client, ruleId } = await stack.polarToStravaRule('insights-down@example.com'));
    await client.call('PATCH', `/v1/rules/${ruleId}`, { conflictStrategy: 'ai_suggestion' });
    // The Strava account already holds a different version of every Polar workout: conflicts.
    for (const { workout } of stack.polar.exercisesOf(stack.polar.athletes[0]!.id))
      addOtherVersionAtStrava(workout);
  }, 300_000);
  afterAll(async () => stack.stop(), 60_000);

  /** The same session recorded differently (no GPS, 30 % shorter) already at Strava. */
  const addOtherVersionAtStrava = (workout: Workout) => {
    const { track: _track, ...rest } = workout;
    stack.strava.addActivity(stack.strava.athletes[0]!.id, {
      ...rest,
      distance: { value: (workout.distance?.value ?? 5000) * 0.7, unit: 'm' },
    });
  };

  const firstConflict = async () => {
    const { conflicts } = await client.call<{ conflicts: { id: string }[] }>(
      'GET',
      `/v1/conflicts?ruleId=${ruleId}`,
    );
    return client.call<ConflictDetail>('GET', `/v1/conflicts/${conflicts[0]!.id}`);
  };

  let conversationId = '';

  it('a conversation started before any sync waits for an answer in the PostgreSQL checkpoint', async () => {
    const { conversation } = await client.call<{ conversation: ConversationView }>(
      'POST',
      '/v1/insights/troubleshooter',
      {
        message: "I can't find yesterday's run on Strava",
      },
    );
    expect(conversation.status).toBe('waiting_for_answer');
    conversationId = conversation.id;
  }, 60_000);

  it('with the service up, conflicts get its suggestion beside both versions', async () => {
    const run = await client.syncAndWait(ruleId);
    expect(run.status).toBe('succeeded');
    const detail = await firstConflict();
    expect(detail.conflict.versions?.suggestedBy).toBe('service');
    expect(detail.conflict.versions?.suggestion?.preferred).toMatch(/source|destination|merge/);
  }, 60_000);

  it('killed mid-run: the sync finishes with the rule fallback, the api answers 503 for insights only', async () => {
    // A new workout whose other version is at Strava: the worker will ask the service about it.
    const polarAthlete = stack.polar.athletes[0]!.id;
    const exerciseId = await stack.polar.addExercise(polarAthlete);
    addOtherVersionAtStrava(stack.polar.exercisesOf(polarAthlete).find((e) => e.id === exerciseId)!.workout);
    const started = await client.call<{ run: { id: string } }>('POST', `/v1/rules/${ruleId}/sync`);
    insights.child.kill('SIGKILL');
    const run = await client.waitForRun(started.run.id, 60_000);
    // No advice: the rule's fallback (ask the user) settles it, and the run succeeds.
    expect(run.status).toBe('succeeded');
    const { run: detail } = await client.call<{ run: { items: { externalId: string; code: string }[] } }>(
      'GET',
      `/v1/runs/${started.run.id}`,
    );
    expect(detail.items.find((i) => i.externalId === exerciseId)?.code).toBe('SW_ITEM_CONFLICT_PENDING');
    // Another sync while it is down: still fine (the breaker fails fast after a few timeouts).
    await stack.polar.addExercise(stack.polar.athletes[0]!.id);
    const second = await client.syncAndWait(ruleId, 60_000);
    expect(second).toMatchObject({ status: 'succeeded', counts: { written: 1 } });
    // The "ask me" view still shows a suggestion: the deterministic one.
    expect((await firstConflict()).conflict.versions?.suggestedBy).toBe('fallback');
    const refused = await client
      .call('POST', '/v1/insights/troubleshooter', { message: 'sync broken' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SyncWellApiError);
    expect((refused as SyncWellApiError).status).toBe(503);
    expect(JSON.stringify((refused as SyncWellApiError).body)).toContain('SW_INSIGHTS_UNAVAILABLE');
  }, 120_000);

  it('started again, it resumes the conversation from its checkpoint', async () => {
    insights = await stack.start('insights', INSIGHTS_START_MS);
    // The breaker lets a trial call through after its pause; retry until it does.
    let conversation: ConversationView | undefined;
    for (let i = 0; i < 40 && conversation === undefined; i++) {
      conversation = await client
        .call<{ conversation: ConversationView }>(
          'POST',
          `/v1/insights/troubleshooter/${conversationId}/answers`,
          { answer: 'no' },
        )
        .then((r) => r.conversation)
        .catch(async () => {
          await new Promise((r) => setTimeout(r, 500));
          return undefined;
        });
    }
    expect(conversation?.diagnosis?.code).toBe('not_at_source');
    // The weekly summary through the role: read live from Polar, the template narrative.
    const { summary } = await client.call<{ summary: WeeklySummary }>('GET', '/v1/insights/summaries/latest');
    expect(summary.sources.map((s) => s.provider).sort()).toEqual(['polar', 'strava']);
    expect(summary.writer).toBe('template');
  }, 180_000);
});
