/** App icons Splunk Web shows: appIcon.png 36x36 and appIcon_2x.png 72x72 PNG (AppInspect checks both). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers/appFiles';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('app icons', () => {
  it.each([
    ['appIcon.png', 36],
    ['appIcon_2x.png', 72],
  ])('%s is a %d x %d PNG', (name, size) => {
    const png = readFileSync(join(repoRoot, 'app', 'static', name));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
  });
});
