/**
 * Current Time (0x2A2B) bytes for a device clock (docs/protocols.md §0.3): the wall-clock time in the
 * device's zone, day of week, fractions, adjust reason "manual update".
 */
export function currentTimeBytes(utcMs: number, utcOffsetMinutes: number): Uint8Array {
  const t = new Date(utcMs + utcOffsetMinutes * 60_000);
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setUint16(0, t.getUTCFullYear(), true);
  bytes.set([t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()], 2);
  bytes[7] = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  bytes[8] = Math.floor((t.getUTCMilliseconds() * 256) / 1000);
  bytes[9] = 0x01;
  return bytes;
}

/**
 * The device's UTC offset from Local Time Information (0x2A0F): time zone in 15-minute steps
 * (-128 = unknown) plus the DST offset (0, 2, 4, 8 = +0, +½, +1, +2 h; 255 = unknown).
 */
export function localTimeOffsetMinutes(bytes: Uint8Array): number | undefined {
  if (bytes.length < 2) return undefined;
  const zone = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt8(0);
  const dst = bytes[1] ?? 255;
  const dstMinutes: Readonly<Record<number, number>> = { 0: 0, 2: 30, 4: 60, 8: 120 };
  const extra = dstMinutes[dst];
  if (zone === -128 || extra === undefined) return undefined;
  return zone * 15 + extra;
}

/** The hub's own UTC offset at `utcMs`, in minutes east of UTC. */
export function hubUtcOffsetMinutes(utcMs: number): number {
  return -new Date(utcMs).getTimezoneOffset();
}
