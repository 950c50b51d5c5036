import { createDecipheriv } from 'node:crypto';

const MIC_LENGTH = 4;

/** The 6 address bytes as printed ("54:48:E6:8F:80:A5" → 54 48 E6 8F 80 A5), or undefined if malformed. */
export function macBytes(mac: string): Uint8Array | undefined {
  const clean = mac.replace(/[:\-\s]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(clean)) return undefined;
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/**
 * AES-128-CCM with a 4-byte MIC and no associated data, as BTHome v2 encrypts its objects;
 * nonce = MAC (as printed) + UUID D2 FC + device-info byte + counter (as sent). Undefined when
 * the MIC does not verify (wrong key or address, or a corrupted advertisement).
 */
export function decryptBthome(
  key: Uint8Array,
  mac: Uint8Array,
  deviceInfo: number,
  ciphertext: Uint8Array,
  counter: Uint8Array,
  mic: Uint8Array,
): Uint8Array | undefined {
  const nonce = Buffer.concat([mac, Uint8Array.of(0xd2, 0xfc, deviceInfo), counter]);
  const decipher = createDecipheriv('aes-128-ccm', key, nonce, { authTagLength: MIC_LENGTH });
  decipher.setAuthTag(mic);
  const plain = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return Uint8Array.from(plain);
}
