// Preloaded (node -r) into each benchmarked server: answers the bench over
// IPC with its own CPU time, RSS and bytes allocated between 'start' and
// 'stop' (heap growth plus what each GC freed, from v8.GCProfiler).
const v8 = require('node:v8');

let profiler;
let startUsed = 0;

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || !('probe' in message)) return;
  if (message.probe === 'start') {
    profiler = new v8.GCProfiler();
    profiler.start();
    startUsed = v8.getHeapStatistics().used_heap_size;
    process.send({ probe: 'started' });
  } else if (message.probe === 'exit') {
    process.exit(0);
  } else if (message.probe === 'stop') {
    const data = profiler ? profiler.stop() : { statistics: [] };
    profiler = undefined;
    let freed = 0;
    for (const gc of data.statistics) {
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    }
    const allocated = v8.getHeapStatistics().used_heap_size - startUsed + freed;
    const usage = process.resourceUsage();
    process.send({
      probe: 'stopped',
      allocatedBytes: allocated,
      gcCount: data.statistics.length,
      rssBytes: process.memoryUsage().rss,
      maxRssKb: usage.maxRSS,
    });
  }
});
