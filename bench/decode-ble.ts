import { performance } from 'node:perf_hooks';
import { bleFormats } from '../drivers/ble/formats.js';
import { DecodeError } from '../drivers/format.js';

/** Decodes per second for each Bluetooth format on one typical payload (prints figures, never fails). */
const samples: Readonly<Record<string, { hex: string; key?: string; mac?: string }>> = {
  '2a37': { hex: '1E5532002100' },
  '2a38': { hex: '01' },
  '2a1c': { hex: '06B00E00FEDC070C050B321B04' },
  '2a1e': { hex: '00B00E00FE' },
  '2a35': { hex: '1E8A00580078000000041114293B3C00012700' },
  '2a9d': { hex: '008C3C' },
  '2a9c': { hex: '00062C01A00F8C3C' },
  '2a5e': { hex: '0FACF3BEF5E8070B1D170839204022000066E3' },
  '2a5f': { hex: '1C5F005A00200000000057F0' },
  '2a60': { hex: 'A3004010800100' },
  '2a18': { hex: '060600E807010F081E0038C011' },
  '2aa7': { hex: '06000C100600' },
  '2a52': { hex: '0103011000' },
  '2a19': { hex: '5A' },
  '2a2b': { hex: 'E8070B1D170839050001' },
  bthome: { hex: '41A47266C95F730011223378237214', key: '231d39c1d7cc1ab1aee224cd096db932', mac: '54:48:E6:8F:80:A5' },
  'miscale-v1': { hex: '229E43E507040B101301' },
  'miscale-v2': { hex: '0226B20705040F0201AC018642' },
  'polar-pmd-ecg': { hex: '0000E40B540200000000' + '0280FF028000'.repeat(36) },
  'jumper-oximeter': { hex: '81386344' },
};

const ITERATIONS = 50_000;
for (const decoder of bleFormats) {
  const sample = samples[decoder.id];
  if (sample === undefined) {
    console.log(`${decoder.id.padEnd(16)} no sample payload`);
    continue;
  }
  const bytes = Uint8Array.from(Buffer.from(sample.hex, 'hex'));
  const options = sample.key !== undefined ? { key: Uint8Array.from(Buffer.from(sample.key, 'hex')), mac: sample.mac ?? '' } : {};
  let failures = 0;
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    try {
      decoder.decode(bytes, options);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      failures++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${decoder.id.padEnd(16)} ${Math.round(ITERATIONS / seconds).toLocaleString('en').padStart(12)} decodes/s  ${((seconds / ITERATIONS) * 1e6).toFixed(2)} µs each${failures > 0 ? `  (${failures} refused)` : ''}`);
}
