import type { FastifyInstance } from 'fastify';
import { WITHINGS_STATUS, epochParam, fail, ok, paramsOf, requireUser } from './withings-envelope.js';
import { post } from './withings-notify-delivery.js';
import type { WithingsState } from './withings-state.js';

/** Categories a subscription may name ([O] 1; [S] the rest; 50/51 bed in/out). */
const APPLIS = new Set([1, 4, 16, 44, 46, 50, 51]);
const SCOPE_OF_APPLI: Readonly<Record<number, string>> = {
  1: 'user.metrics',
  4: 'user.metrics',
  16: 'user.activity',
  44: 'user.sleepevents',
};

/**
 * `/notify` subscribe/list/get/revoke/update, run with the user's token. How Withings verifies
 * a callback at subscribe time is undocumented [U]; this simulator POSTs an empty form to it and
 * refuses the subscription (status 293, our pick) unless it answers below 400 within 2 s.
 */
export function registerWithingsNotifyRoutes(app: FastifyInstance, state: WithingsState): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/notify',
    handler: async (request, reply) => {
      const params = paramsOf(request);
      const appli = epochParam(params, 'appli');
      const scope = appli === undefined ? 'user.info' : (SCOPE_OF_APPLI[appli] ?? 'user.info');
      const userid = requireUser(state, request, reply, params.action === 'list' ? 'user.info' : scope);
      if (userid === undefined) return reply;
      const mine = state.subscriptions.filter((s) => s.userid === userid);
      const find = () => mine.find((s) => s.appli === appli && s.callbackurl === params.callbackurl);
      switch (params.action) {
        case 'subscribe': {
          if (
            appli === undefined ||
            !APPLIS.has(appli) ||
            params.callbackurl === undefined ||
            !URL.canParse(params.callbackurl)
          ) {
            return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: callbackurl and appli');
          }
          if (find() !== undefined) return ok(reply, {});
          const probe = await post(params.callbackurl, '');
          if (typeof probe !== 'number' || probe >= 400)
            return fail(reply, WITHINGS_STATUS.callbackUnreachable, 'The callback URL is unreachable');
          state.subscriptions.push({
            userid,
            appli,
            callbackurl: params.callbackurl,
            comment: params.comment ?? '',
          });
          return ok(reply, {});
        }
        case 'list': {
          const listed = appli === undefined ? mine : mine.filter((s) => s.appli === appli);
          return ok(reply, {
            profiles: listed.map((s) => ({
              appli: s.appli,
              callbackurl: s.callbackurl,
              comment: s.comment,
              expires: 2_147_483_647,
            })),
          });
        }
        case 'get': {
          const found = find();
          return found === undefined
            ? fail(reply, WITHINGS_STATUS.noSuchSubscription, 'No such subscription')
            : ok(reply, { appli: found.appli, callbackurl: found.callbackurl, comment: found.comment });
        }
        case 'revoke': {
          const found = find();
          if (found === undefined)
            return fail(reply, WITHINGS_STATUS.noSuchSubscription, 'No such subscription');
          state.subscriptions.splice(state.subscriptions.indexOf(found), 1);
          return ok(reply, {});
        }
        case 'update': {
          const found = find();
          if (found === undefined)
            return fail(reply, WITHINGS_STATUS.noSuchSubscription, 'No such subscription');
          const newUrl = params.new_callbackurl ?? found.callbackurl;
          const newAppli = epochParam(params, 'new_appli') ?? found.appli;
          if (!URL.canParse(newUrl) || !APPLIS.has(newAppli))
            return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params');
          Object.assign(found, {
            callbackurl: newUrl,
            appli: newAppli,
            comment: params.comment ?? found.comment,
          });
          return ok(reply, {});
        }
        default:
          return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: unknown action');
      }
    },
  });
}
