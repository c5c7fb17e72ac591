export * from './seeded-random.js';
export * from './geo-math.js';
export * from './synthetic-athlete.js';
export * from './synthetic-track.js';
export * from './synthetic-workouts.js';
