// Loaded into a bench server (`node --import ./bench/memory-probe.mjs`): answers the bench's
// 'memory' message with the server's own process.memoryUsage(), read in the process measured.
// Plain JavaScript, so the server's worker threads (which inherit the flag) load it too; they skip it.
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.send) {
  process.on('message', (message) => {
    if (message === 'memory') process.send?.(process.memoryUsage());
  });
  // the channel does not keep the server running once it closes
  process.channel?.unref();
}
