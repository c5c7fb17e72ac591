import Fastify from 'fastify';
import { announce } from '../support/child-process.js';

/** P1's bare limit: Fastify's hello world, no logger, in its own process like the API. */
const app = Fastify({ logger: false });
app.get('/', () => ({ hello: 'world' }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
announce('BENCH_READY', { url: address });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
