import { systemClock } from '@syncwell/core';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';
import { listeningUrl, ScriptedFailures, type ScriptedFailure } from './scripted-failures.js';

export interface ReceivedFcmMessage {
  readonly token: string;
  readonly notification: Record<string, unknown> | undefined;
  readonly data: Record<string, string> | undefined;
}

/** The service-account key file a Firebase project hands out, pointing at this testbed's token endpoint. */
export interface TestbedServiceAccount {
  readonly type: 'service_account';
  readonly project_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly client_email: string;
  readonly token_uri: string;
}

export interface FcmService {
  readonly url: string;
  readonly serviceAccount: TestbedServiceAccount;
  /** A registration token as the Firebase SDK on a phone would get it. */
  registerDevice(): string;
  /** The app was uninstalled: the token answers 404 UNREGISTERED. */
  uninstall(token: string): void;
  received(): readonly ReceivedFcmMessage[];
  /** Access tokens issued by the token endpoint so far. */
  tokensIssued(): number;
  /** Makes every access token issued so far invalid (as if it expired). */
  expireAccessTokens(): void;
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Google's OAuth token endpoint and FCM HTTP v1 in one server. `POST /token` takes the JWT bearer
 * grant and checks the RS256 assertion against the service account's key (`iss` its email, `aud`
 * this endpoint, the messaging scope, `exp` at most an hour ahead). `POST
 * /v1/projects/<id>/messages:send` wants one of those access tokens (401 UNAUTHENTICATED), the
 * project (403 PERMISSION_DENIED), a registered token (400 INVALID_ARGUMENT) still installed
 * (404 NOT_FOUND with errorCode UNREGISTERED), and string data values, as Google's API does.
 */
export async function startFcmService(
  opts: { readonly port?: number; readonly now?: () => Date; readonly projectId?: string } = {},
): Promise<FcmService> {
  const now = opts.now ?? systemClock.now;
  const projectId = opts.projectId ?? 'syncwell-testbed';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const accessTokens = new Map<string, number>();
  const devices = new Map<string, boolean>();
  const received: ReceivedFcmMessage[] = [];
  const failures = new ScriptedFailures();
  let issued = 0;
  const app = Fastify({ logger: false });
  await app.register(formbody);
  let url = '';
  const clientEmail = `syncwell@${projectId}.iam.gserviceaccount.com`;

  app.post<{ Body: Record<string, string | undefined> }>('/token', async (request, reply) => {
    const refuse = (description: string) =>
      reply.code(400).send({ error: 'invalid_grant', error_description: description });
    if (request.body.grant_type !== GRANT) {
      return reply.code(400).send({ error: 'unsupported_grant_type' });
    }
    let problem: string | undefined;
    try {
      const { payload } = await jwtVerify(request.body.assertion ?? '', publicKey, {
        algorithms: ['RS256'],
        issuer: clientEmail,
        audience: `${url}/token`,
        currentDate: now(),
        requiredClaims: ['iat', 'exp'],
      });
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600) problem = 'Invalid JWT: exp too far ahead';
      else if (!scopes.includes(SCOPE)) problem = 'Invalid OAuth scope or ID token audience provided.';
    } catch {
      problem = 'Invalid JWT Signature.';
    }
    if (problem !== undefined) return refuse(problem);
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(token, now().getTime() + 3600_000);
    issued += 1;
    return { access_token: token, expires_in: 3599, token_type: 'Bearer' };
  });

  app.post<{
    Params: { project: string };
    Body: { message?: { token?: unknown; notification?: unknown; data?: unknown } };
  }>('/v1/projects/:project/messages::send', async (request, reply) => {
    const error = (status: number, code: string, message: string, errorCode?: string) =>
      reply.code(status).send({
        error: {
          code: status,
          message,
          status: code,
          ...(errorCode === undefined
            ? {}
            : { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] }),
        },
      });
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiresAt = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (expiresAt === undefined || expiresAt <= now().getTime()) {
      return error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    }
    if (request.params.project !== projectId) {
      return error(403, 'PERMISSION_DENIED', 'Permission denied on the project.', 'SENDER_ID_MISMATCH');
    }
    const message = request.body.message;
    const token = message?.token;
    if (typeof token !== 'string') return error(400, 'INVALID_ARGUMENT', 'message.token is required.');
    const data = message?.data;
    if (
      data !== undefined &&
      (typeof data !== 'object' || data === null || Object.values(data).some((v) => typeof v !== 'string'))
    ) {
      return error(400, 'INVALID_ARGUMENT', 'Invalid value at message.data: values must be strings.');
    }
    const installed = devices.get(token);
    if (installed === undefined) {
      return error(
        400,
        'INVALID_ARGUMENT',
        'The registration token is not a valid FCM registration token',
        'INVALID_ARGUMENT',
      );
    }
    if (!installed) return error(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
    const failure = failures.take();
    if (failure !== undefined) {
      if (failure.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(failure.retryAfterSeconds));
      return error(
        failure.status,
        failure.reason ?? 'UNAVAILABLE',
        'The service is currently unavailable.',
        failure.reason,
      );
    }
    received.push({
      token,
      notification: message?.notification as Record<string, unknown> | undefined,
      data: data as Record<string, string> | undefined,
    });
    return { name: `projects/${projectId}/messages/${randomUUID()}` };
  });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  url = await listeningUrl(app.server);
  return {
    url,
    serviceAccount: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: clientEmail,
      token_uri: `${url}/token`,
    },
    registerDevice() {
      const token = `${randomBytes(11).toString('base64url')}:APA91${randomBytes(100).toString('base64url')}`;
      devices.set(token, true);
      return token;
    },
    uninstall(token) {
      devices.set(token, false);
    },
    received: () => [...received],
    tokensIssued: () => issued,
    expireAccessTokens() {
      for (const token of accessTokens.keys()) accessTokens.set(token, 0);
    },
    failNext: (...list) => failures.push(...list),
    close: () => app.close(),
  };
}
