// Runs the TypeScript worker from source (tests, tsx): Node 20 does not pass --import hooks on to
// worker threads, so the worker registers tsx itself. Built code runs dist/publish-worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./publish-worker.ts');
