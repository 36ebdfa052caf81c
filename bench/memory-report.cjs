// Preloaded into a process under measurement (`node --require bench/memory-report.cjs`) and, through
// the inherited execArgv, into each of its worker threads, where the Temporal SDK runs the workflows:
// every 2 s each thread writes its own V8 heap figures to `$BENCH_MEMORY_REPORT-<threadId>.json`,
// since /proc shows only the process's RSS and no isolate can read another's heap.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: --require loads it before tsx, in every thread */
const { writeFileSync } = require('node:fs');
const { getHeapStatistics } = require('node:v8');
const { threadId } = require('node:worker_threads');

const prefix = process.env.BENCH_MEMORY_REPORT;
if (prefix) {
  const report = () => {
    const heap = getHeapStatistics();
    const usage = process.memoryUsage();
    writeFileSync(
      `${prefix}-${threadId}.json`,
      JSON.stringify({
        at: Date.now(),
        threadId,
        heapUsed: heap.used_heap_size,
        heapTotal: heap.total_heap_size,
        heapLimit: heap.heap_size_limit,
        external: heap.external_memory,
        // Process-wide: the same in every thread.
        rss: usage.rss,
        arrayBuffers: usage.arrayBuffers,
      }),
    );
  };
  setInterval(report, 2000).unref();
  report();
}
