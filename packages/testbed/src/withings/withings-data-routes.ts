import type { FastifyInstance } from 'fastify';
import { WITHINGS_STATUS, epochParam, fail, ok, page, paramsOf, requireUser } from './withings-envelope.js';
import {
  activityJson,
  heartRateAt,
  measureGroupJson,
  sleepSummaryJson,
  workoutJson,
} from './withings-json.js';
import type { WithingsState } from './withings-state.js';

const DAY_SECONDS = 86_400;
/** Intraday heart rate every 10 minutes outside workouts, as watches without continuous mode do. */
const INTRADAY_STEP_SECONDS = 600;

const byModified =
  <T extends { modified: number }>(idOf: (t: T) => number | string) =>
  (a: T, b: T) =>
    a.modified - b.modified || String(idOf(a)).localeCompare(String(idOf(b)));

const fieldsOf = (params: Record<string, string>) => params.data_fields?.split(',').map((s) => s.trim());

/** `lastupdate` keeps what was modified since; `startdateymd`/`enddateymd` select local dates. */
function byUpdateOrDate<T extends { modified: number; date: string }>(
  items: readonly T[],
  params: Record<string, string>,
): T[] | undefined {
  const lastupdate = epochParam(params, 'lastupdate');
  if (lastupdate !== undefined) return items.filter((i) => i.modified >= lastupdate);
  const { startdateymd: from, enddateymd: to } = params;
  if (from === undefined || to === undefined) return undefined;
  return items.filter((i) => i.date >= from && i.date <= to);
}

/** The ~24 h range limit of intraday and sleep detail [U]. */
function window24h(params: Record<string, string>): { start: number; end: number } | undefined {
  const start = epochParam(params, 'startdate');
  const end = epochParam(params, 'enddate');
  if (start === undefined || end === undefined || end < start || end - start > DAY_SECONDS) return undefined;
  return { start, end };
}

/** `/measure` getmeas, `/v2/measure` getactivity/getworkouts/getintradayactivity, `/v2/sleep` get/getsummary. */
export function registerWithingsDataRoutes(app: FastifyInstance, state: WithingsState): void {
  const size = state.config.pageSize;
  app.route({
    method: ['GET', 'POST'],
    url: '/measure',
    handler: async (request, reply) => {
      const params = paramsOf(request);
      if (params.action !== 'getmeas')
        return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: unknown action');
      const userid = requireUser(state, request, reply, 'user.metrics');
      if (userid === undefined) return reply;
      const typeList = params.meastypes ?? params.meastype;
      const types = typeList === undefined ? undefined : new Set(typeList.split(',').map(Number));
      const category = epochParam(params, 'category') ?? 1;
      const lastupdate = epochParam(params, 'lastupdate');
      const start = epochParam(params, 'startdate');
      const end = epochParam(params, 'enddate');
      const groups = state.measureGroups
        .filter((g) => g.userid === userid && g.category === category)
        .filter((g) =>
          lastupdate !== undefined
            ? g.modified >= lastupdate
            : (start === undefined || g.date >= start) && (end === undefined || g.date <= end),
        )
        .filter((g) => types === undefined || g.measures.some((m) => types.has(m.type)))
        .sort(byModified((g) => g.grpid));
      const { slice, more, offset } = page(groups, params, size);
      return ok(reply, {
        updatetime: state.nowSeconds(),
        timezone: state.userOf(userid).timezone,
        measuregrps: slice.map((g) => measureGroupJson(g, types)),
        more,
        offset,
      });
    },
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/v2/measure',
    handler: async (request, reply) => {
      const params = paramsOf(request);
      const userid = requireUser(state, request, reply, 'user.activity');
      if (userid === undefined) return reply;
      const fields = fieldsOf(params);
      if (params.action === 'getactivity' || params.action === 'getworkouts') {
        const source = params.action === 'getactivity' ? state.activities : state.workouts;
        const mine = (source as readonly (typeof source)[number][]).filter((i) => i.userid === userid);
        const selected = byUpdateOrDate(mine, params);
        if (selected === undefined)
          return fail(
            reply,
            WITHINGS_STATUS.invalidParams,
            'Invalid Params: startdateymd/enddateymd or lastupdate',
          );
        selected.sort(byModified((i) => ('id' in i ? i.id : i.date)));
        const { slice, more, offset } = page(selected, params, size);
        return params.action === 'getactivity'
          ? ok(reply, {
              activities: slice.map((d) => activityJson(d as (typeof state.activities)[number], fields)),
              more,
              offset,
            })
          : ok(reply, {
              series: slice.map((w) => workoutJson(w as (typeof state.workouts)[number], fields)),
              more,
              offset,
            });
      }
      if (params.action === 'getintradayactivity') {
        const window = window24h(params);
        if (window === undefined)
          return fail(
            reply,
            WITHINGS_STATUS.invalidParams,
            'Invalid Params: startdate/enddate (24 h at most)',
          );
        const user = state.userOf(userid);
        const series: Record<
          string,
          { heart_rate: number; model: string; model_id: number; deviceid: string }
        > = {};
        const first =
          Math.ceil(
            Math.max(window.start, Math.floor(state.config.historyStartMs / 1000)) / INTRADAY_STEP_SECONDS,
          ) * INTRADAY_STEP_SECONDS;
        for (let t = first; t <= Math.min(window.end, state.nowSeconds()); t += INTRADAY_STEP_SECONDS) {
          series[String(t)] = {
            heart_rate: heartRateAt(userid, t, user.synthetic.restingHeartRate),
            model: 'ScanWatch',
            model_id: 93,
            deviceid: 'sim-scanwatch',
          };
        }
        // An empty series is `[]` in Withings' JSON, not `{}`.
        return ok(reply, { series: Object.keys(series).length === 0 ? [] : series });
      }
      return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: unknown action');
    },
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/v2/sleep',
    handler: async (request, reply) => {
      const params = paramsOf(request);
      const userid = requireUser(state, request, reply, 'user.sleepevents');
      if (userid === undefined) return reply;
      const mine = state.sleeps.filter((s) => s.userid === userid);
      if (params.action === 'getsummary') {
        const selected = byUpdateOrDate(mine, params);
        if (selected === undefined)
          return fail(
            reply,
            WITHINGS_STATUS.invalidParams,
            'Invalid Params: startdateymd/enddateymd or lastupdate',
          );
        selected.sort(byModified((s) => s.id));
        const { slice, more, offset } = page(selected, params, size);
        return ok(reply, { series: slice.map((s) => sleepSummaryJson(s, fieldsOf(params))), more, offset });
      }
      if (params.action === 'get') {
        const window = window24h(params);
        if (window === undefined)
          return fail(
            reply,
            WITHINGS_STATUS.invalidParams,
            'Invalid Params: startdate/enddate (24 h at most)',
          );
        const states = mine
          .flatMap((s) => s.states)
          .filter((st) => st.enddate > window.start && st.startdate < window.end);
        return ok(reply, { series: states.map((st) => ({ ...st, model: 'Sleep Analyzer', model_id: 63 })) });
      }
      return fail(reply, WITHINGS_STATUS.invalidParams, 'Invalid Params: unknown action');
    },
  });
}
