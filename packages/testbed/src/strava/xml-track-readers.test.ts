import { describe, expect, it } from 'vitest';
import { readGpx, readTcx } from './xml-track-readers.js';

const context = { externalId: 'file-1', utcOffsetMinutes: 60 };
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Lunch Run</name><type>running</type><trkseg>
  <trkpt lat="48.8566" lon="2.3522"><ele>35.2</ele><time>2026-11-02T11:00:00Z</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>121</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
  <trkpt lat="48.8570" lon="2.3530"><ele>36.0</ele><time>2026-11-02T11:00:10Z</time>
   <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>125</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
 </trkseg></trk>
</gpx>`;

const TCX = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="Biking"><Id>2026-11-03T07:00:00Z</Id>
  <Lap StartTime="2026-11-03T07:00:00Z"><TotalTimeSeconds>20</TotalTimeSeconds><DistanceMeters>150.5</DistanceMeters><Calories>9</Calories>
   <Track>
    <Trackpoint><Time>2026-11-03T07:00:00Z</Time><Position><LatitudeDegrees>51.5</LatitudeDegrees><LongitudeDegrees>-0.12</LongitudeDegrees></Position><AltitudeMeters>12</AltitudeMeters><HeartRateBpm><Value>101</Value></HeartRateBpm></Trackpoint>
    <Trackpoint><Time>2026-11-03T07:00:20Z</Time><Position><LatitudeDegrees>51.501</LatitudeDegrees><LongitudeDegrees>-0.119</LongitudeDegrees></Position><HeartRateBpm><Value>110</Value></HeartRateBpm></Trackpoint>
   </Track></Lap></Activity></Activities>
</TrainingCenterDatabase>`;

describe('GPX / TCX readers', () => {
  it('reads GPX points with elevation, heart rate and sport', () => {
    const w = readGpx(encode(GPX), context);
    expect(w).toMatchObject({
      sport: 'running',
      startTime: '2026-11-02T11:00:00.000Z',
      endTime: '2026-11-02T11:00:10.000Z',
      utcOffsetMinutes: 60,
    });
    expect(w.track).toEqual([
      { time: '2026-11-02T11:00:00.000Z', lat: 48.8566, lon: 2.3522, altitudeM: 35.2, heartRateBpm: 121 },
      { time: '2026-11-02T11:00:10.000Z', lat: 48.857, lon: 2.353, altitudeM: 36, heartRateBpm: 125 },
    ]);
  });

  it('reads TCX points and lap totals', () => {
    const w = readTcx(encode(TCX), context);
    expect(w).toMatchObject({
      sport: 'cycling',
      distance: { value: 150.5, unit: 'm' },
      energy: { value: 9, unit: 'kcal' },
    });
    expect(w.track?.map((p) => p.heartRateBpm)).toEqual([101, 110]);
    expect(w.track?.[1]).not.toHaveProperty('altitudeM');
  });

  it('refuses documents of the wrong kind or without points', () => {
    expect(() => readGpx(encode(TCX), context)).toThrow(/not a GPX/);
    expect(() => readTcx(encode(GPX), context)).toThrow(/not a TCX/);
    expect(() => readGpx(encode('<gpx></gpx>'), context)).toThrow(/no track points/);
  });
});
