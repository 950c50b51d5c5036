import type { OximeterSecond } from '../../../../drivers/serial/sim/oximeter-values.js';
import type { SimulatedProtocol } from '../../../../drivers/serial/sim/simulated-protocols.js';

/** A few seconds of a person at rest, a pulse above 127 (the bit-7 case) and a finger taken out. */
export const restingThenFingerOut: readonly OximeterSecond[] = [
  { spo2: 97, pulseRate: 72, perfusionIndex: 2.35 },
  { spo2: 96, pulseRate: 130, perfusionIndex: 4.1 },
  { spo2: 97, pulseRate: 0, probeOff: true },
  { spo2: 98, pulseRate: 64, perfusionIndex: 0.8 },
  { spo2: 95, pulseRate: 201, perfusionIndex: 12 },
];

/** What the decoder must report for one second the simulator played: nothing while the finger is out. */
export function expectedReadings(protocol: SimulatedProtocol, second: OximeterSecond): { metric: string; value: number }[] {
  if (second.probeOff === true) return [];
  const readings = [
    { metric: 'spo2', value: second.spo2 },
    { metric: 'pulse_rate', value: second.pulseRate },
  ];
  if (protocol.carriesPerfusionIndex && second.perfusionIndex !== undefined) {
    readings.push({ metric: 'perfusion_index', value: second.perfusionIndex });
  }
  return sortReadings(readings);
}

export function sortReadings(readings: readonly { metric: string; value: number }[]): { metric: string; value: number }[] {
  return readings.map((r) => ({ metric: r.metric, value: r.value })).sort((a, b) => a.metric.localeCompare(b.metric));
}
