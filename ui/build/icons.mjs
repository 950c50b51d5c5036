// The dashboard's app icons, drawn at build time (no image files to keep in git, nothing fetched):
// a heart in the page's background colour on the accent colour, as uncompressed-then-deflated PNG.
import { Buffer } from 'node:buffer';
import { crc32, deflateSync } from 'node:zlib';

/** @param {string} hex `#rrggbb` @returns {[number, number, number]} */
function rgb(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Inside the heart curve (x² + y² − 1)³ − x²y³ ≤ 0, with (u, v) in [-1, 1] across the square and
 * v growing downwards.
 * @param {number} u @param {number} v
 */
function inHeart(u, v) {
  const x = u * 1.3;
  const y = -v * 1.3 + 0.15;
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

/**
 * A square RGBA PNG: the accent colour everywhere (a maskable icon must fill its square), with the
 * heart scaled to `heartShare` of the side so that it stays inside the mask's safe circle.
 * @param {{ size: number, background: string, foreground: string, heartShare: number }} icon
 * @returns {Buffer}
 */
export function iconPng({ size, background, foreground, heartShare }) {
  const bg = rgb(background);
  const fg = rgb(foreground);
  const row = size * 4 + 1;
  const pixels = Buffer.alloc(row * size);
  // Four samples a pixel soften the heart's edge.
  const offsets = [0.25, 0.75];
  for (let py = 0; py < size; py++) {
    pixels[py * row] = 0;
    for (let px = 0; px < size; px++) {
      let inside = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          const u = ((px + ox) / size - 0.5) * (2 / heartShare);
          const v = ((py + oy) / size - 0.5) * (2 / heartShare);
          if (inHeart(u, v)) inside++;
        }
      }
      const share = inside / 4;
      const at = py * row + 1 + px * 4;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round((bg[c] ?? 0) * (1 - share) + (fg[c] ?? 0) * share);
      pixels[at + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
