// Preloaded (node -r) into each benchmarked server: answers the bench over
// IPC with its own CPU time, RSS and bytes allocated between 'start' and
// 'stop' (heap growth plus what each GC freed, from v8.GCProfiler), and a
// CPU profile (inspector) between 'profile-start' and 'profile-stop'.
const v8 = require('node:v8');
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

let session;

let profiler;
let startUsed = 0;

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || !('probe' in message)) return;
  if (message.probe === 'start') {
    profiler = new v8.GCProfiler();
    profiler.start();
    startUsed = v8.getHeapStatistics().used_heap_size;
    process.send({ probe: 'started' });
  } else if (message.probe === 'profile-start') {
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable', () =>
      session.post('Profiler.start', () => process.send({ probe: 'profile-started' })),
    );
  } else if (message.probe === 'profile-stop') {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
      session.disconnect();
      process.send({ probe: 'profile-stopped', error: error ? String(error) : undefined });
    });
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
      heapTotalBytes: process.memoryUsage().heapTotal,
      externalBytes: process.memoryUsage().external,
      maxRssKb: usage.maxRSS,
    });
  }
});
