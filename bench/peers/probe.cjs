// Preloaded (node -r) into each benchmarked server: answers the bench over
// IPC with its own CPU time, RSS and bytes allocated between 'start' and
// 'stop' (heap growth plus what each GC freed, from v8.GCProfiler), and a
// CPU profile (inspector) between 'profile-start' and 'profile-stop', and
// on 'peak' the highest RSS and V8 heap since the previous 'peak' (or since
// start): the kernel's high-water mark (VmHWM, reset through clear_refs) and
// the heap sampled every 20 ms.
const v8 = require('node:v8');
const inspector = require('node:inspector');
const { readFileSync, writeFileSync } = require('node:fs');

/** The kernel's peak RSS of this process in KB since start or the last reset. */
function rssHighWaterKb() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : process.resourceUsage().maxRSS;
  } catch {
    return process.resourceUsage().maxRSS;
  }
}

/** Starts a new high-water mark from the current RSS (Linux 4.0+); false where unsupported. */
function resetRssHighWater() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

let peakHeapUsed = 0;
let peakHeapTotal = 0;
function sampleHeap() {
  const { used_heap_size: used, total_heap_size: total } = v8.getHeapStatistics();
  if (used > peakHeapUsed) peakHeapUsed = used;
  if (total > peakHeapTotal) peakHeapTotal = total;
}
setInterval(sampleHeap, 20).unref();

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
  } else if (message.probe === 'peak') {
    sampleHeap();
    const reply = {
      probe: 'peaked',
      peakRssKb: rssHighWaterKb(),
      peakHeapUsedBytes: peakHeapUsed,
      peakHeapTotalBytes: peakHeapTotal,
      rssBytes: process.memoryUsage.rss(),
    };
    reply.reset = resetRssHighWater();
    peakHeapUsed = 0;
    peakHeapTotal = 0;
    sampleHeap();
    process.send(reply);
  } else if (message.probe === 'exit') {
    process.exit(0);
  } else if (message.probe === 'stop') {
    const data = profiler ? profiler.stop() : { statistics: [] };
    profiler = undefined;
    let freed = 0;
    let gcMicros = 0;
    for (const gc of data.statistics) {
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      gcMicros += gc.cost;
    }
    const allocated = v8.getHeapStatistics().used_heap_size - startUsed + freed;
    const usage = process.resourceUsage();
    process.send({
      probe: 'stopped',
      allocatedBytes: allocated,
      gcCount: data.statistics.length,
      gcMs: gcMicros / 1000,
      rssBytes: process.memoryUsage().rss,
      heapTotalBytes: process.memoryUsage().heapTotal,
      externalBytes: process.memoryUsage().external,
      maxRssKb: usage.maxRSS,
    });
  }
});
