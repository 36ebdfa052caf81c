/**
 * The deployed worker (worker/main.ts) with Temporal's default data converter instead of the
 * payload codec: payloads and failures in plain JSON. Only the codec benchmark (bench/codec.ts)
 * starts it, to compare the system with and without encryption in one run; production code has no
 * way to turn the codec off. (The schedules it creates at start still go through the codec: they
 * do not fire during a bench run.)
 */
import { Worker } from '@temporalio/worker';

const create = Worker.create.bind(Worker);
// Every worker this process makes is the deployed one (worker/create-worker.ts) minus its data converter.
Worker.create = (options) => create({ ...options, dataConverter: {} });

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the patch is in place (a static import would run first)
require('../worker/main');
