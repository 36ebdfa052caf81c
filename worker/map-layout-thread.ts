import { parentPort, workerData } from 'node:worker_threads';
import { type Position, placeNewNodes } from '../db/map/layout';
import type { MapGraph } from '../db/map/pact-graph';

/** The map layout's computation in a thread of its own (worker/map-layout.ts): what is placed goes back as entries. */
const { history, placed } = workerData as { history: MapGraph; placed: [string, Position][] };
parentPort!.postMessage([...placeNewNodes(history, new Map(placed))]);
