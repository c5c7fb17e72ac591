import { describe, expect, it } from 'vitest';
import { endpointTemplate } from './endpoint-template.js';

describe('endpointTemplate', () => {
  it.each([
    ['/api/v3/activities/123/streams', '/api/v3/activities/:id/streams'],
    ['/v3/exercises/8f14e45f-ceea-467e-a1c2-0d7a3e6b2a11', '/v3/exercises/:id'],
    ['/wellness-api/rest/activityFile', '/wellness-api/rest/activityFile'],
    ['/v2/usercollection/sleep/2024-01-02', '/v2/usercollection/sleep/:id'],
    ['/files/a1b2c3d4e5.fit', '/files/:id'],
    ['/', '/'],
  ])('%s → %s', (path, template) => {
    expect(endpointTemplate(path)).toBe(template);
  });

  it('caps the number of segments so a crafted path cannot mint labels', () => {
    expect(endpointTemplate('/a/b/c/d/e/f/g/h/i/j')).toBe('/a/b/c/d/e/f/g/h/…');
  });
});
