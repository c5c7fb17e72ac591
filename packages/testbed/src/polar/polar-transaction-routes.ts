import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeWorkoutFit } from '@syncwell/providers';
import { requireDataAccess } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import { exerciseJson } from './polar-exercise-json.js';
import type { PolarState } from './polar-state.js';

const MAX_ITEMS = 50;
const BASE = '/v3/users/:userId/exercise-transactions';

interface Transaction {
  readonly id: number;
  readonly athleteId: number;
  readonly exerciseIds: readonly string[];
}

type TxRequest = FastifyRequest<{ Params: { userId: string; transactionId?: string; exerciseId?: string } }>;

/**
 * The legacy transactional exercise flow: open (201, or 204 when nothing is new), list, fetch,
 * commit. At most 50 items per transaction; items leave the offer only on commit, so opening a
 * new transaction without committing offers the same items again (inferred, polar.md [U]).
 * Legacy bodies use hyphenated keys (`upload-time`, `start-time`, ...).
 */
export function registerPolarTransactionRoutes(app: FastifyInstance, state: PolarState): void {
  const open = new Map<number, Transaction>();
  let nextId = 1;
  const resourceUri = (t: Transaction): string =>
    `${state.apiUrl}/v3/users/${t.athleteId}/exercise-transactions/${t.id}`;

  const access = (request: TxRequest, reply: FastifyReply): Transaction | number | undefined => {
    const athleteId = requireDataAccess(state, request, reply);
    if (athleteId === undefined) return undefined;
    if (Number(request.params.userId) !== athleteId) {
      sendPolarError(reply, 403, 'forbidden', 'Not your user');
      return undefined;
    }
    if (request.params.transactionId === undefined) return athleteId;
    const transaction = open.get(Number(request.params.transactionId));
    if (transaction?.athleteId !== athleteId) {
      sendPolarError(reply, 404, 'not_found', 'Transaction not found');
      return undefined;
    }
    return transaction;
  };

  app.post<{ Params: { userId: string } }>(BASE, async (request, reply) => {
    const athleteId = access(request, reply);
    if (typeof athleteId !== 'number') return reply;
    for (const [id, t] of open) if (t.athleteId === athleteId) open.delete(id);
    const items = state
      .exercisesOf(athleteId)
      .filter((e) => state.unseenExercises.has(e.id))
      .slice(0, MAX_ITEMS)
      .map((e) => e.id);
    if (items.length === 0) return reply.code(204).send();
    const transaction: Transaction = { id: nextId++, athleteId, exerciseIds: items };
    open.set(transaction.id, transaction);
    return reply
      .code(201)
      .send({ 'transaction-id': transaction.id, 'resource-uri': resourceUri(transaction) });
  });

  app.get<{ Params: { userId: string; transactionId: string } }>(
    `${BASE}/:transactionId`,
    async (request, reply) => {
      const transaction = access(request, reply);
      if (typeof transaction !== 'object') return reply;
      return reply.send({
        exercises: transaction.exerciseIds.map((id) => `${resourceUri(transaction)}/exercises/${id}`),
      });
    },
  );

  const exerciseOf = (request: TxRequest, reply: FastifyReply) => {
    const transaction = access(request, reply);
    if (typeof transaction !== 'object') return undefined;
    const id = request.params.exerciseId ?? '';
    const exercise = transaction.exerciseIds.includes(id) ? state.exercises.get(id) : undefined;
    if (exercise === undefined) sendPolarError(reply, 404, 'not_found', 'Exercise not found');
    return exercise === undefined ? undefined : { transaction, exercise };
  };

  app.get<{ Params: { userId: string; transactionId: string; exerciseId: string } }>(
    `${BASE}/:transactionId/exercises/:exerciseId`,
    async (request, reply) => {
      const found = exerciseOf(request, reply);
      if (found === undefined) return reply;
      const modern = exerciseJson(found.exercise, state.apiUrl);
      const legacy = Object.fromEntries(
        Object.entries(modern).map(([key, value]) => [key.replaceAll('_', '-'), value]),
      );
      return reply.send({ ...legacy, 'transaction-id': found.transaction.id });
    },
  );

  app.get<{ Params: { userId: string; transactionId: string; exerciseId: string } }>(
    `${BASE}/:transactionId/exercises/:exerciseId/fit`,
    async (request, reply) => {
      const found = exerciseOf(request, reply);
      if (found === undefined) return reply;
      return reply
        .type('application/octet-stream')
        .send(Buffer.from(encodeWorkoutFit(found.exercise.workout).data));
    },
  );

  app.put<{ Params: { userId: string; transactionId: string } }>(
    `${BASE}/:transactionId`,
    async (request, reply) => {
      const transaction = access(request, reply);
      if (typeof transaction !== 'object') return reply;
      for (const id of transaction.exerciseIds) state.unseenExercises.delete(id);
      open.delete(transaction.id);
      return reply.code(200).send();
    },
  );
}
