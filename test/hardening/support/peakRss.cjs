// Preloaded into the command process by the hardening tests (`node -r`): at exit, writes the
// process's peak resident set size in kilobytes to the file named by IDETUNNEL_TEST_PEAK_RSS_FILE.
// The value is VmHWM from /proc/self/status (the high-water mark of this program's address space).
// Not getrusage's ru_maxrss: Linux carries that across execve, so a child spawned from a big
// parent (a jest worker) would report the parent's size. Test support only; never part of the product.
'use strict';
const fs = require('fs');
const target = process.env.IDETUNNEL_TEST_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    let kb = null;
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      if (match) kb = Number(match[1]);
    } catch {
      kb = null;
    }
    fs.writeFileSync(target, String(kb ?? process.resourceUsage().maxRSS));
  });
}
