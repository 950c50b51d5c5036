/**
 * Advertisements repeat the same payload many times a second. This lets each distinct payload of
 * a device through once, and refuses encrypted BTHome payloads whose counter went backwards
 * (a replay) unless the device evidently restarted (counter near zero).
 */
export class AdvertisementFilter {
  private readonly last = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  fresh(deviceId: string, bytes: Uint8Array): boolean {
    const hex = Buffer.from(bytes).toString('hex');
    if (this.last.get(deviceId) === hex) return false;
    this.last.set(deviceId, hex);
    return true;
  }

  /** For encrypted BTHome (device-info bit 0): the 4-byte counter before the MIC must grow. */
  counterAdvances(deviceId: string, bytes: Uint8Array): boolean {
    const encrypted = ((bytes[0] ?? 0) & 0x01) !== 0;
    if (!encrypted || bytes.length < 9) return true;
    const counter = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 8, true);
    const previous = this.counters.get(deviceId);
    const restarted = counter < 16;
    if (previous !== undefined && counter <= previous && !restarted) return false;
    this.counters.set(deviceId, counter);
    return true;
  }
}
