/** GPX 1.1, and 1.0 which older tools still write; trk/trkseg/trkpt/ele/time are the same in both. */
export const GPX_11_NS = 'http://www.topografix.com/GPX/1/1';
export const GPX_10_NS = 'http://www.topografix.com/GPX/1/0';
/** Garmin TrackPointExtension: `hr` in beats per minute. v2 keeps `hr` unchanged. */
export const TRACKPOINT_EXTENSION_V1_NS = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';
export const TRACKPOINT_EXTENSION_V2_NS = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v2';
