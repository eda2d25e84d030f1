// Source mode only (running the .ts sources, as tests and `bin/selfeval` without a build do):
// a worker thread does not inherit the loader hooks of its parent, so register tsx here, then
// load the TypeScript worker entry. Compiled builds start dist/src/isolate/worker.js directly.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
