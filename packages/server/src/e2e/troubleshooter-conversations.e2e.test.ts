import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationView } from '@syncwell/insights';
import { promptText, startFakeOpenAiServer, type FakeOpenAiServer } from '@syncwell/insights/testing';
import { startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '@syncwell/devstack';
import type { SyncWellApiError } from '../client/api-client.js';
import { startTroubleshooterStack } from './troubleshooter-stack.js';

describe('troubleshooter conversations', () => {
  it('persist in the store database and resume after a restart (a fresh checkpointer answers the interrupt)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sw-ts-restart-'));
    const polar = await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: 41,
      athletes: 1,
      workoutsPerAthlete: 1,
    });
    const strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 42,
      athletes: 1,
      uploadProcessingMs: 10,
    });
    const simulators = { polar, strava };
    try {
      const first = await startTroubleshooterStack({
        seed: 40,
        dataDir,
        simulators,
        email: 'restart@example.com',
      });
      const { ruleId } = await first.rule();
      await first.client.syncAndWait(ruleId);
      const asked = await first.troubleshoot("I can't find yesterday's run on Strava");
      expect(asked.status).toBe('waiting_for_answer');
      expect(asked.question?.id).toBe('visible_at_source');
      await first.stop();

      const second = await startTroubleshooterStack({
        seed: 40,
        dataDir,
        simulators,
        email: 'restart@example.com',
        existingUser: true,
      });
      try {
        const read = await second.client.call<{ conversation: ConversationView }>(
          'GET',
          `/v1/insights/troubleshooter/${asked.id}`,
        );
        expect(read.conversation.question?.id).toBe('visible_at_source');
        const { conversation } = await second.client.call<{ conversation: ConversationView }>(
          'POST',
          `/v1/insights/troubleshooter/${asked.id}/answers`,
          { answer: 'no' },
        );
        expect(conversation.status).toBe('diagnosed');
        expect(conversation.diagnosis?.code).toBe('not_at_source');
        expect(conversation.transcript.map((t) => t.role)).toEqual([
          'user',
          'assistant',
          'user',
          'assistant',
        ]);
        // Answering a finished conversation is refused with its own code.
        const again = await second.client
          .call('POST', `/v1/insights/troubleshooter/${asked.id}/answers`, { answer: 'yes' })
          .catch((e: unknown) => e);
        expect((again as SyncWellApiError).status).toBe(409);
        // Another user's conversation reads as unknown.
        await second.client.call('POST', '/v1/users', {
          email: 'someone-else@example.com',
          password: 'correct horse battery staple',
        });
        await second.client.logIn('someone-else@example.com', 'correct horse battery staple');
        const foreign = await second.client
          .call('GET', `/v1/insights/troubleshooter/${asked.id}`)
          .catch((e: unknown) => e);
        expect((foreign as SyncWellApiError).status).toBe(404);
      } finally {
        await second.stop();
      }
    } finally {
      await Promise.all([polar.close(), strava.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  describe('with an OpenAI-compatible LLM configured (local fake server)', () => {
    let llm: FakeOpenAiServer;
    afterAll(async () => llm.close());

    it('the model picks diagnostics by tool calls and phrases the answer; no health value reaches it', async () => {
      llm = await startFakeOpenAiServer((request) => {
        const prompt = promptText(request);
        if (request.tools !== undefined && request.tools.length > 0) {
          if (request.messages.some((m) => m.role === 'tool')) return { content: 'done' };
          const ruleId = /Rule id: (\S+)/.exec(prompt)?.[1] ?? '';
          const destination = /Destination connection id: (\S+)/.exec(prompt)?.[1] ?? '';
          return {
            toolCalls: [
              { name: 'recent_runs', args: { ruleId } },
              { name: 'connection_status', args: { connectionId: destination } },
            ],
          };
        }
        return { content: 'Strava refused one of your workouts. Open the run to see why, then sync again.' };
      });
      const stack = await startTroubleshooterStack({
        seed: 50,
        polarWorkouts: 3,
        env: { SYNCWELL_LLM_BASE_URL: llm.baseUrl, SYNCWELL_LLM_MODEL: 'fake-support-1' },
      });
      try {
        const { ruleId } = await stack.rule();
        stack.strava.failNext(1, 400, /\/uploads$/);
        await stack.client.syncAndWait(ruleId);
        const conversation = await stack.troubleshoot('My 10,000 metre run from Polar is missing on Strava');
        expect(conversation.diagnosis?.code).toBe('destination_rejected');
        expect(conversation.diagnosis?.explanation).toBe(
          'Strava refused one of your workouts. Open the run to see why, then sync again.',
        );
        // The model's two tool calls ran first, then every diagnostic it skipped.
        expect(conversation.checks.slice(0, 2)).toEqual(['recent_runs', 'connection_status']);
        const toolRound = llm.requests.find((r) => r.messages.some((m) => m.role === 'tool'));
        expect(toolRound, 'tool results went back to the model').toBeDefined();

        // Privacy: the workouts' values (distances, energy, heart rate, GPS) never left the process.
        const sent = llm.requests.map((r) => r.raw).join('\n');
        const exercises = stack.polar.exercisesOf(stack.polarAthleteId);
        expect(exercises.length).toBe(3);
        // As a number of its own: "95" inside a uuid or a timestamp is not a heart rate.
        const asNumber = (value: number) =>
          new RegExp(`(?<![\\w.:-])${String(value).replace('.', '\\.')}(?![\\w.])`);
        for (const { workout } of exercises) {
          for (const value of [
            workout.distance?.value,
            workout.energy?.value,
            workout.heartRate?.average.value,
          ]) {
            if (value !== undefined) expect(sent).not.toMatch(asNumber(value));
          }
          for (const point of (workout.track ?? []).slice(0, 20))
            expect(sent).not.toMatch(asNumber(point.lat));
        }
        expect(sent).not.toContain('10,000'); // the user's own number is masked too
        expect(sent).not.toMatch(/"(distance|heartRate|track|energy)"/);
      } finally {
        await stack.stop();
      }
    }, 90_000);
  });
});
