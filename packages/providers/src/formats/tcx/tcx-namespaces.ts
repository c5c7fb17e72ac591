/** Training Center Database v2, the only TCX version in use (v1 predates 2007). */
export const TCX_NS = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';
/** Garmin's ActivityExtension v2: per-lap `LX/AvgSpeed` (and per-point `TPX/Speed`, unused). */
export const ACTIVITY_EXTENSION_NS = 'http://www.garmin.com/xmlschemas/ActivityExtension/v2';
