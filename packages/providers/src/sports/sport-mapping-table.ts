import type { Types } from '@garmin/fitsdk';
import type { SportType } from '@syncwell/core';

/** FIT `sport` / `sub_sport` enum names as the Garmin SDK spells them (camelCase). */
export interface FitSport {
  readonly sport: Exclude<Types.Sport, number>;
  readonly subSport: Exclude<Types.SubSport, number>;
}

/** The three values of TCX v2's `Sport_t` (the `Activity/@Sport` attribute). */
export type TcxSport = 'Running' | 'Biking' | 'Other';

/** What one name looks like in each column (numeric ids where the provider uses numbers). */
export interface SportNameKinds {
  readonly strava: string;
  readonly fit: FitSport;
  readonly tcx: TcxSport;
  readonly gpx: string;
  readonly garmin: string;
  readonly googleHealth: string;
  readonly withings: number;
  readonly oura: string;
  readonly polar: string;
  readonly whoop: string;
  readonly whoopId: number;
}
export type SportColumn = keyof SportNameKinds;

/**
 * Columns we write names into: Strava, FIT, TCX and GPX are real write targets; the Garmin, Google
 * Health and Withings names are written by their simulators. Every sport must write something here.
 */
export const WRITTEN_COLUMNS = ['strava', 'fit', 'tcx', 'gpx', 'garmin', 'googleHealth', 'withings'] as const;
export type WrittenColumn = (typeof WRITTEN_COLUMNS)[number];
export type ReadOnlyColumn = Exclude<SportColumn, WrittenColumn>;
export const SPORT_COLUMNS: readonly SportColumn[] = [
  ...WRITTEN_COLUMNS,
  'oura',
  'polar',
  'whoop',
  'whoopId',
];

/** The provider's own names for a sport: the first is what we write, all of them are what we read. */
export type OwnNames<N> = readonly [N, ...N[]];

/**
 * The documented writing fallback where a target has no name of its own for a sport (TCX knows three
 * sports, Strava has no open-water swim): write the other sport's first name. Reading that name gives
 * the other sport, so the round trip is lossy by the target's vocabulary, never by a guess.
 */
export interface WritesAs {
  readonly writeAs: SportType;
}

/** `other` must name itself in every written column: it is where every other fallback ends. */
type WrittenCell<N, S extends SportType> = S extends 'other' ? OwnNames<N> : OwnNames<N> | WritesAs;

/** A read-only column may be empty: the provider has no name for the sport, so it never reads as it. */
export type SportRow<S extends SportType> = {
  readonly [C in WrittenColumn]: WrittenCell<SportNameKinds[C], S>;
} & { readonly [C in ReadOnlyColumn]: readonly SportNameKinds[C][] };

/** A row per canonical sport, a cell per column: a missing row, column or unknown sport does not compile. */
export type SportMappingTable = { readonly [S in SportType]: SportRow<S> };

const fit = (sport: FitSport['sport'], subSport: FitSport['subSport'] = 'generic'): FitSport => ({
  sport,
  subSport,
});

/**
 * The one table between canonical sports and every provider's and format's sport vocabulary.
 * Sources: Strava `sport_type`; FIT SDK `sport`/`sub_sport`; TCX v2 `Sport_t`; GPX `trk/type`
 * (free text, a convention: we write the canonical name, and the GPX reader also accepts every Garmin
 * and Strava name below); Garmin `activityType`; Google Health `ExerciseType` (open-wearables' table
 * [S]); Withings workout `category` [U]; Oura `workout.activity`; Polar `detailed_sport_info`/`sport`;
 * WHOOP v2 `sport_name` and the v1 `sport_id` it still carries. Each column is compared after its
 * module's normalisation (case, separators), and no two sports may claim one name in a column.
 */
export const SPORT_MAPPING_TABLE: SportMappingTable = {
  running: {
    strava: ['Run'],
    fit: [fit('running'), fit('running', 'street'), fit('running', 'track')],
    tcx: ['Running'],
    gpx: ['running', 'run', '9'],
    garmin: ['RUNNING', 'STREET_RUNNING', 'TRACK_RUNNING'],
    googleHealth: ['RUNNING', 'INCLINE_RUN'],
    withings: [2],
    oura: ['running'],
    polar: ['RUNNING', 'ROAD_RUNNING'],
    whoop: ['running', 'track & field'],
    whoopId: [0],
  },
  trail_running: {
    strava: ['TrailRun'],
    fit: [fit('running', 'trail')],
    tcx: { writeAs: 'running' },
    gpx: ['trail_running'],
    garmin: ['TRAIL_RUNNING'],
    googleHealth: ['TRAIL_RUN'],
    withings: { writeAs: 'running' },
    oura: ['trail_running'],
    polar: ['TRAIL_RUNNING'],
    whoop: ['trail running'],
    whoopId: [],
  },
  treadmill_running: {
    strava: ['VirtualRun'],
    fit: [fit('running', 'treadmill'), fit('running', 'indoorRunning'), fit('fitnessEquipment', 'treadmill')],
    tcx: { writeAs: 'running' },
    gpx: ['treadmill_running', 'treadmill'],
    garmin: ['TREADMILL_RUNNING', 'INDOOR_RUNNING'],
    googleHealth: ['TREADMILL'],
    withings: [307],
    oura: ['treadmill_running'],
    polar: ['TREADMILL_RUNNING'],
    whoop: [],
    whoopId: [],
  },
  walking: {
    strava: ['Walk'],
    fit: [
      fit('walking'),
      fit('walking', 'casualWalking'),
      fit('walking', 'speedWalking'),
      fit('walking', 'indoorWalking'),
    ],
    tcx: { writeAs: 'other' },
    gpx: ['walking'],
    garmin: ['WALKING', 'CASUAL_WALKING', 'SPEED_WALKING'],
    googleHealth: ['WALKING', 'INCLINE_WALK', 'NORDIC_WALKING', 'TREADMILL_WALK'],
    withings: [1, 306],
    oura: ['walking'],
    polar: ['WALKING', 'NORDIC_WALKING'],
    whoop: ['walking'],
    whoopId: [63],
  },
  hiking: {
    strava: ['Hike'],
    fit: [fit('hiking')],
    tcx: { writeAs: 'other' },
    gpx: ['hiking'],
    garmin: ['HIKING'],
    googleHealth: ['HIKING', 'BACKPACKING'],
    withings: [3],
    oura: ['hiking'],
    polar: ['HIKING'],
    whoop: ['hiking/rucking', 'hiking'],
    whoopId: [52],
  },
  cycling: {
    strava: ['Ride', 'GravelRide', 'EBikeRide', 'Velomobile'],
    fit: [
      fit('cycling'),
      fit('cycling', 'road'),
      fit('cycling', 'gravelCycling'),
      fit('cycling', 'commuting'),
    ],
    tcx: ['Biking'],
    gpx: ['cycling', 'biking', 'road_cycling', '1'],
    garmin: ['CYCLING', 'ROAD_BIKING', 'GRAVEL_CYCLING'],
    googleHealth: ['BIKING', 'OUTDOOR_BIKE'],
    withings: [6],
    oura: ['cycling'],
    polar: ['CYCLING', 'ROAD_BIKING'],
    whoop: ['cycling'],
    whoopId: [1],
  },
  mountain_biking: {
    strava: ['MountainBikeRide', 'EMountainBikeRide'],
    fit: [fit('cycling', 'mountain'), fit('cycling', 'downhill'), fit('cycling', 'eBikeMountain')],
    tcx: { writeAs: 'cycling' },
    gpx: ['mountain_biking'],
    garmin: ['MOUNTAIN_BIKING'],
    googleHealth: ['MOUNTAIN_BIKE'],
    withings: { writeAs: 'cycling' },
    oura: ['mountain_biking'],
    polar: ['MOUNTAIN_BIKING'],
    whoop: ['mountain biking'],
    whoopId: [57],
  },
  indoor_cycling: {
    strava: ['VirtualRide'],
    fit: [fit('cycling', 'indoorCycling'), fit('cycling', 'spin'), fit('fitnessEquipment', 'indoorCycling')],
    tcx: { writeAs: 'cycling' },
    gpx: ['indoor_cycling'],
    garmin: ['INDOOR_CYCLING', 'VIRTUAL_RIDE'],
    googleHealth: ['STATIONARY_BIKE', 'SPINNING'],
    withings: [308],
    oura: ['indoor_cycling', 'stationary_bike'],
    polar: ['INDOOR_CYCLING'],
    whoop: ['spin', 'indoor cycling'],
    whoopId: [],
  },
  swimming: {
    strava: ['Swim'],
    fit: [fit('swimming', 'lapSwimming'), fit('swimming')],
    tcx: { writeAs: 'other' },
    gpx: ['swimming'],
    garmin: ['SWIMMING', 'LAP_SWIMMING'],
    googleHealth: ['SWIMMING', 'SWIMMING_POOL'],
    withings: [7],
    oura: ['swimming'],
    polar: ['SWIMMING', 'POOL_SWIMMING'],
    whoop: ['swimming'],
    whoopId: [33],
  },
  open_water_swimming: {
    strava: { writeAs: 'swimming' },
    fit: [fit('swimming', 'openWater')],
    tcx: { writeAs: 'other' },
    gpx: ['open_water_swimming'],
    garmin: ['OPEN_WATER_SWIMMING'],
    googleHealth: ['SWIMMING_OPEN_WATER'],
    withings: { writeAs: 'swimming' },
    oura: ['open_water_swimming'],
    polar: ['OPEN_WATER_SWIMMING'],
    whoop: [],
    whoopId: [],
  },
  rowing: {
    strava: ['Rowing', 'VirtualRow'],
    fit: [fit('rowing'), fit('rowing', 'indoorRowing'), fit('fitnessEquipment', 'indoorRowing')],
    tcx: { writeAs: 'other' },
    gpx: ['rowing', 'rowing_v2', 'rowing_machine'],
    garmin: ['ROWING', 'INDOOR_ROWING'],
    googleHealth: ['ROWING', 'ROWING_MACHINE'],
    withings: [187],
    oura: ['rowing'],
    polar: ['ROWING', 'INDOOR_ROWING'],
    whoop: ['rowing'],
    whoopId: [18],
  },
  cross_country_skiing: {
    strava: ['NordicSki'],
    fit: [fit('crossCountrySkiing'), fit('crossCountrySkiing', 'skateSkiing')],
    tcx: { writeAs: 'other' },
    gpx: ['cross_country_skiing'],
    garmin: ['CROSS_COUNTRY_SKIING_WS', 'SKATE_SKIING_WS'],
    googleHealth: ['CROSS_COUNTRY_SKI'],
    withings: [34],
    oura: ['cross_country_skiing'],
    polar: ['CROSS_COUNTRY_SKIING'],
    whoop: ['cross country skiing'],
    whoopId: [],
  },
  strength_training: {
    strava: ['WeightTraining'],
    fit: [fit('training', 'strengthTraining')],
    tcx: { writeAs: 'other' },
    gpx: ['strength_training', 'weight_training'],
    garmin: ['STRENGTH_TRAINING'],
    googleHealth: ['STRENGTH_TRAINING', 'WEIGHTLIFTING', 'WEIGHTS'],
    withings: [16],
    oura: ['strength_training', 'weightlifting'],
    polar: ['STRENGTH_TRAINING'],
    whoop: ['weightlifting', 'powerlifting', 'functional fitness'],
    whoopId: [45],
  },
  yoga: {
    strava: ['Yoga'],
    fit: [fit('training', 'yoga')],
    tcx: { writeAs: 'other' },
    gpx: ['yoga'],
    garmin: ['YOGA'],
    googleHealth: ['YOGA'],
    withings: [28],
    oura: ['yoga'],
    polar: ['YOGA'],
    whoop: ['yoga'],
    whoopId: [44],
  },
  // No provider column below has a multisport type we can cite, except FIT's `multisport` sport and
  // Garmin's MULTI_SPORT; elsewhere a multisport activity is written per leg or as `other`.
  multisport: {
    strava: { writeAs: 'other' },
    fit: [
      fit('multisport'),
      fit('multisport', 'triathlon'),
      fit('multisport', 'duathlon'),
      fit('multisport', 'brick'),
      fit('multisport', 'swimRun'),
    ],
    tcx: { writeAs: 'other' },
    gpx: ['multisport', 'triathlon', 'duathlon'],
    garmin: ['MULTI_SPORT'],
    googleHealth: { writeAs: 'other' },
    withings: { writeAs: 'other' },
    oura: [],
    polar: [],
    whoop: [],
    whoopId: [],
  },
  other: {
    strava: ['Workout'],
    fit: [fit('generic')],
    tcx: ['Other'],
    gpx: ['other'],
    garmin: ['OTHER'],
    googleHealth: ['OTHER'],
    withings: [36],
    oura: [],
    polar: [],
    whoop: [],
    whoopId: [],
  },
};
