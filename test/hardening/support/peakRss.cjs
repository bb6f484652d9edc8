// Preloaded into the command process by the hardening tests (`node -r`): at exit, writes the
// process's peak resident set size (process.resourceUsage().maxRSS, kilobytes) to the file named
// by IDETUNNEL_TEST_PEAK_RSS_FILE. Test support only; never part of the product.
'use strict';
const fs = require('fs');
const target = process.env.IDETUNNEL_TEST_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
