import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendGoogleError } from './gh-error-body.js';
import type { GoogleHealthState, SimDataType } from './gh-state.js';

const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * The subscriber body's field names are not in the reference [U]: an endpoint URI and the bearer
 * secret Google will send back in `Authorization` are what it describes.
 */
const subscriberBody = z.object({
  endpointUri: z.url(),
  endpointAuthorization: z.object({ secret: z.string().min(8) }),
});

/**
 * `POST /v4/projects/{project}/subscribers`, created with a service account (project-level, not
 * per user). Before accepting, Google verifies the endpoint [S]: a `{"type":"verification"}`
 * POST with the secret must get 2xx, the same POST without it must get 4xx.
 */
export function registerSubscriberRoutes(app: FastifyInstance, state: GoogleHealthState): void {
  app.post<{ Params: { project: string } }>('/v4/projects/:project/subscribers', async (request, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token !== state.config.serviceAccountToken)
      return sendGoogleError(reply, 401, 'Request had invalid authentication credentials.');
    const body = subscriberBody.safeParse(request.body);
    if (!body.success)
      return sendGoogleError(reply, 400, 'endpointUri and endpointAuthorization.secret are required.');
    const { endpointUri } = body.data;
    const { secret } = body.data.endpointAuthorization;
    const verification = JSON.stringify({ type: 'verification' });
    const withSecret = await post(endpointUri, verification, secret);
    const withoutSecret = await post(endpointUri, verification, undefined);
    const ok =
      typeof withSecret === 'number' &&
      withSecret < 300 &&
      typeof withoutSecret === 'number' &&
      withoutSecret >= 400 &&
      withoutSecret < 500;
    if (!ok)
      return sendGoogleError(
        reply,
        400,
        `Endpoint verification failed (${String(withSecret)}, ${String(withoutSecret)}).`,
      );
    const name = `projects/${request.params.project}/subscribers/${randomBytes(6).toString('hex')}`;
    state.subscribers.push({ name, endpointUri, secret });
    return reply.send({ name, endpointUri, state: 'ACTIVE' });
  });
}

/** Tells every subscriber that `dataType` changed for one user over `[startMs, endMs)`. No values. */
export async function notifySubscribers(
  state: GoogleHealthState,
  userId: string,
  dataType: SimDataType,
  startMs: number,
  endMs: number,
): Promise<void> {
  const body = JSON.stringify([
    {
      data: {
        healthUserId: userId,
        operation: 'UPSERT',
        dataType,
        intervals: [
          {
            physicalTimeInterval: {
              startTime: new Date(startMs).toISOString(),
              endTime: new Date(endMs).toISOString(),
            },
          },
        ],
      },
    },
  ]);
  for (const subscriber of state.subscribers) {
    const outcome = await post(subscriber.endpointUri, body, subscriber.secret);
    state.deliveries.push({ endpointUri: subscriber.endpointUri, body, outcome });
  }
}

async function post(url: string, body: string, secret: string | undefined): Promise<number | string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret === undefined ? {} : { authorization: `Bearer ${secret}` }),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
