/** CRC-16/MCRF4XX (reflected poly 0x8408, init 0xFFFF, no final XOR): the GATT E2E-CRC. */
export function crc16Mcrf4xx(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = (crc & 1) !== 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc;
}
