#!/usr/bin/env node
/**
 * Draws the app icons Splunk Web shows next to the app name and writes them as PNG files:
 *   app/static/appIcon.png     36 x 36 pixels
 *   app/static/appIcon_2x.png  72 x 72 pixels (high-DPI)
 * Sizes from Splunk's app packaging guidance (AppInspect checks appIcon.png 36x36 and appIcon_2x.png 72x72).
 *
 * The picture: a tunnel arch over a command prompt chevron on a dark blue rounded square, drawn as
 * shapes in a unit square and rendered with 4x4 supersampling, so both sizes come from one drawing.
 * PNG encoding follows the PNG specification (RFC 2083): signature, IHDR (8-bit RGBA), one IDAT of
 * zlib-deflated scanlines with filter byte 0, IEND; CRC-32 per chunk.
 *
 * Usage: node scripts/app-icons.mjs [outDir]   (default: app/static). The PNGs are committed; run this
 * again only when the drawing changes.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BACKGROUND = [0x1f, 0x4e, 0x79, 255];
const ARCH = [255, 255, 255, 255];
const PROMPT = [0xf5, 0x9e, 0x0b, 255];

/** Which colour covers the point (x, y) of the unit square, or null for transparent. */
function colourAt(x, y) {
  // Rounded square, corner radius 0.18.
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;

  // Tunnel arch: a ring (outer radius 0.34, inner 0.24) centred at (0.5, 0.56), upper half,
  // continued by two straight legs down to y = 0.84.
  const ax = x - 0.5;
  const ay = y - 0.56;
  const d = Math.hypot(ax, ay);
  const inRing = d <= 0.34 && d >= 0.24;
  if ((ay <= 0 && inRing) || (ay > 0 && y <= 0.84 && Math.abs(ax) <= 0.34 && Math.abs(ax) >= 0.24)) return ARCH;

  // Prompt chevron ">" inside the arch: two strokes meeting at (0.58, 0.62), stroke half-width 0.045.
  const tip = [0.58, 0.62];
  const strokes = [
    [[0.44, 0.5], tip],
    [[0.44, 0.74], tip],
  ];
  for (const [[x1, y1], [x2, y2]] of strokes) {
    const vx = x2 - x1;
    const vy = y2 - y1;
    const t = Math.min(1, Math.max(0, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
    if (Math.hypot(x - (x1 + t * vx), y - (y1 + t * vy)) <= 0.045) return PROMPT;
  }
  return BACKGROUND;
}

/** RGBA pixels of a size x size image, each pixel the average of 4x4 samples. */
function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          // Premultiply by alpha so edges against transparency do not darken.
          for (let c = 0; c < 3; c++) sum[c] += colour[c] * (colour[3] / 255);
          sum[3] += colour[3];
        }
      }
      const n = samples * samples;
      const alpha = sum[3] / n;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = alpha > 0 ? Math.round((sum[c] / n) * (255 / alpha)) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG uses) of a buffer. */
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes per pixel) as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(Buffer.from([0]), rgba.subarray(y * width * 4, (y + 1) * width * 4));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = process.argv[2] ?? join('app', 'static');
mkdirSync(outDir, { recursive: true });
for (const [name, size] of [
  ['appIcon.png', 36],
  ['appIcon_2x.png', 72],
]) {
  const file = join(outDir, name);
  writeFileSync(file, encodePng(size, size, render(size)));
  console.log(`wrote ${file} (${size}x${size})`);
}
