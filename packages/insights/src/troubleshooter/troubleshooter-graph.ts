import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { END, interrupt, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import { readComplaint } from './complaint.js';
import { assess } from './diagnosis-rules.js';
import { investigateRule } from './diagnostic-tools.js';
import type { DiagnosticsSource } from './diagnostics-source.js';
import { evidenceFrom, type Finding } from './findings.js';
import { investigateWithModel } from './llm-investigation.js';
import { phraseExplanation, phraseQuestion } from './phrasing.js';
import { chooseRule, RULE_QUESTION_ID } from './rule-choice.js';
import {
  TroubleshooterState,
  type TroubleshooterUpdate,
  type TroubleshooterValues,
} from './troubleshooter-state.js';

export interface TroubleshooterDeps {
  readonly source: DiagnosticsSource;
  readonly checkpointer: BaseCheckpointSaver;
  /** Absent: the deterministic default (rules and templates only). */
  readonly model?: BaseChatModel;
  readonly now: () => Date;
}

/**
 * The troubleshooting graph:
 *
 *   START → choose_rule ─(ambiguous)→ phrase_question → ask ─→ choose_rule | assess
 *                └→ investigate → assess ─(unsure)→ phrase_question → ask → assess
 *                                        └→ explain → END
 *
 * `ask` is the only interrupt: the conversation stops there, is checkpointed, and resumes with
 * `Command({ resume: answer })`, in this process or another one after a restart. Diagnostics
 * run once per conversation (investigate); answers only feed the rules again.
 */
export function buildTroubleshooterGraph(deps: TroubleshooterDeps) {
  const at = () => deps.now().toISOString();

  const chooseRuleNode = async (state: TroubleshooterValues): Promise<TroubleshooterUpdate> => {
    const [rules, connections] = await Promise.all([
      deps.source.listRules(state.userId),
      deps.source.listConnections(state.userId),
    ]);
    const choice = chooseRule(
      rules,
      connections,
      state.complaint,
      readComplaint(state.complaint),
      state.answers[RULE_QUESTION_ID],
    );
    if ('question' in choice) return { pendingQuestion: choice.question };
    return { ruleId: choice.ruleId, pendingQuestion: null };
  };

  const investigateNode = async (state: TroubleshooterValues): Promise<TroubleshooterUpdate> => {
    if (state.ruleId === null) return {};
    const rule = (await deps.source.listRules(state.userId)).find((r) => r.id === state.ruleId);
    if (rule === undefined) return {};
    const chosen: Finding[] =
      deps.model === undefined
        ? []
        : await investigateWithModel(deps.model, deps.source, state.userId, state.complaint, rule).catch(
            () => [],
          );
    // Whatever the model skipped still runs: the rules decide on complete evidence.
    const all = await investigateRule(deps.source, state.userId, rule);
    const findings = [...chosen, ...all];
    return { findings, checks: findings.map((f) => f.tool) };
  };

  const assessNode = (state: TroubleshooterValues): TroubleshooterUpdate => {
    const verdict = assess({
      evidence: evidenceFrom(state.findings, state.ruleId),
      complaint: readComplaint(state.complaint),
      answers: state.answers,
      now: deps.now(),
    });
    if (verdict.kind === 'question') return { pendingQuestion: verdict.question };
    return { diagnosis: verdict.diagnosis, pendingQuestion: null };
  };

  const phraseQuestionNode = async (state: TroubleshooterValues): Promise<TroubleshooterUpdate> => {
    if (state.pendingQuestion === null) return {};
    return { pendingQuestion: await phraseQuestion(deps.model, state.pendingQuestion) };
  };

  const askNode = (state: TroubleshooterValues): TroubleshooterUpdate => {
    const question = state.pendingQuestion;
    if (question === null) return {};
    // Everything before this line runs again on resume, so nothing here may have effects.
    const answer = interrupt<typeof question, string>(question);
    return {
      answers: { [question.id]: answer },
      pendingQuestion: null,
      transcript: [
        { role: 'assistant', text: question.text, at: at() },
        { role: 'user', text: question.choices.find((c) => c.value === answer)?.label ?? answer, at: at() },
      ],
    };
  };

  const explainNode = async (state: TroubleshooterValues): Promise<TroubleshooterUpdate> => {
    if (state.diagnosis === null) return {};
    const diagnosis = await phraseExplanation(deps.model, state.diagnosis);
    return { diagnosis, transcript: [{ role: 'assistant', text: diagnosis.explanation, at: at() }] };
  };

  return new StateGraph(TroubleshooterState)
    .addNode('choose_rule', chooseRuleNode)
    .addNode('investigate', investigateNode)
    .addNode('assess', assessNode)
    .addNode('phrase_question', phraseQuestionNode)
    .addNode('ask', askNode)
    .addNode('explain', explainNode)
    .addEdge(START, 'choose_rule')
    .addConditionalEdges(
      'choose_rule',
      (s) => (s.pendingQuestion === null ? 'investigate' : 'phrase_question'),
      ['investigate', 'phrase_question'],
    )
    .addEdge('investigate', 'assess')
    .addConditionalEdges('assess', (s) => (s.diagnosis === null ? 'phrase_question' : 'explain'), [
      'phrase_question',
      'explain',
    ])
    .addEdge('phrase_question', 'ask')
    .addConditionalEdges(
      'ask',
      (s) =>
        s.ruleId === null && s.answers[RULE_QUESTION_ID] !== undefined && s.findings.length === 0
          ? 'choose_rule'
          : 'assess',
      ['choose_rule', 'assess'],
    )
    .addEdge('explain', END)
    .compile({ checkpointer: deps.checkpointer });
}

export type TroubleshooterGraph = ReturnType<typeof buildTroubleshooterGraph>;
