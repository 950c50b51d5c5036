/**
 * A random UUID (version 4) for an entry the page writes, so that the same entry sent twice (a
 * double press, a retry) is recorded once. Made from getRandomValues because randomUUID exists
 * only in secure contexts, and the dashboard is often opened over plain HTTP on the LAN.
 */
export function newEntryId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
