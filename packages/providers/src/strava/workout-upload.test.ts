import { describe, expect, it } from 'vitest';
import type { HttpCall } from '../http/http-types.js';
import { encodeWorkoutFit } from '../formats/index.js';
import { sampleRun, sampleTriathlon } from '../formats/sample-workout-test-support.js';
import { uploadWorkout } from './workout-upload.js';

const SOURCE = { provider: 'garmin', externalId: 'g-1' } as const;

/** Strava's upload endpoint answering at once with a finished activity; keeps the sent form. */
function deps(sent: FormData[]) {
  return {
    apiBaseUrl: 'https://www.strava.com/api/v3',
    uploadPollIntervalMs: 0,
    uploadPollAttempts: 1,
    encodeFit: encodeWorkoutFit,
    send: (call: HttpCall) => {
      if (call.body instanceof FormData) sent.push(call.body);
      const body = JSON.stringify({
        id: 77,
        activity_id: 9001,
        status: 'Your activity is ready.',
        error: null,
      });
      return Promise.resolve({ status: 201, headers: new Headers(), body: new TextEncoder().encode(body) });
    },
  };
}

describe('uploadWorkout', () => {
  it('reports what the FIT file could not hold as warnings on the written result', async () => {
    const heavy = sampleRun(SOURCE, { name: 'Long one', energy: { value: 70_000, unit: 'kcal' } });
    const result = await uploadWorkout({ record: heavy, tag: 'sw-1' }, deps([]));
    expect(result).toEqual({ status: 'written', destinationId: '9001', warnings: ['energy changed'] });
  });

  it('uploads a multisport workout whole, as a FIT file with one session per leg', async () => {
    const sent: FormData[] = [];
    const result = await uploadWorkout({ record: sampleTriathlon(SOURCE), tag: 'sw-2' }, deps(sent));
    expect(result).toEqual({ status: 'written', destinationId: '9001' });
    const file = sent[0]?.get('file');
    expect(file).toBeInstanceOf(Blob);
    const { Decoder, Stream } = await import('@garmin/fitsdk');
    const bytes = new Uint8Array(await (file as Blob).arrayBuffer());
    const { messages } = new Decoder(Stream.fromByteArray(bytes)).read();
    expect(messages.sessionMesgs?.map((s) => s.sport)).toEqual([
      'swimming',
      'transition',
      'cycling',
      'transition',
      'running',
    ]);
    expect(messages.activityMesgs?.[0]?.numSessions).toBe(5);
  });
});
