import { encodeChunk } from '../../src/protocol/chunkWriter';

/**
 * Two large execute chunks as splunkd frames them (1,500,000- and 1,600,000-byte bodies, over the
 * 1 MiB from which the command's buffer pool gives chunks their own, recyclable memory).
 */
export function largeStream(): { whole: Buffer; bodies: Buffer[] } {
  const bodies = [Buffer.alloc(1_500_000, 'a'), Buffer.alloc(1_600_000, 'b')];
  const whole = Buffer.concat([
    encodeChunk({ action: 'execute', finished: false }, bodies[0]),
    encodeChunk({ action: 'execute', finished: true }, bodies[1]),
  ]);
  return { whole, bodies };
}
