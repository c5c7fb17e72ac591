import { describe, expect, it } from 'vitest';
import { startTroubleshooterStack } from './troubleshooter-stack.js';
import { TROUBLESHOOTER_SCENARIOS } from './troubleshooter-scenarios.js';

const GOAL = 0.9;

/**
 * The troubleshooter scenario suite (issue 13): each testbed fault set up for real against the
 * simulators through SyncWell's own stack (embedded default), then a conversation through the
 * public API. A scenario counts when the diagnosis code and an action of the expected kind are
 * right. Prints its score; the goal is ≥ 90 %.
 */
describe('troubleshooter scenario suite (embedded, real simulators)', () => {
  it(`diagnoses at least ${GOAL * 100} % of the testbed's faults with the right action`, async () => {
    const rows: string[] = [];
    let right = 0;
    for (const [index, scenario] of TROUBLESHOOTER_SCENARIOS.entries()) {
      const stack = await startTroubleshooterStack({ seed: 700 + index * 10, ...scenario.stack });
      let outcome: string;
      try {
        await scenario.setUp(stack);
        const conversation = await stack.troubleshoot(scenario.complaint, scenario.answers);
        const got = conversation.diagnosis;
        const ok =
          got?.code === scenario.expect.code && got.actions.some((a) => a.kind === scenario.expect.action);
        if (ok) right++;
        outcome = `${ok ? 'PASS' : 'FAIL'}  got ${got?.code ?? `question ${conversation.question?.id ?? '-'}`} [${got?.actions.map((a) => a.kind).join(', ') ?? ''}]`;
      } catch (error) {
        outcome = `FAIL  setup or conversation failed: ${(error as Error).message}`;
      } finally {
        await stack.stop();
      }
      rows.push(
        `  ${scenario.name.padEnd(68)} want ${scenario.expect.code}/${scenario.expect.action}  ${outcome}`,
      );
    }
    const score = right / TROUBLESHOOTER_SCENARIOS.length;
    console.log(
      `troubleshooter scenario suite: ${right}/${TROUBLESHOOTER_SCENARIOS.length} = ${(score * 100).toFixed(0)} %\n${rows.join('\n')}`,
    );
    expect(score).toBeGreaterThanOrEqual(GOAL);
  }, 240_000);
});
