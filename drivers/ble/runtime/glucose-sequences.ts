/**
 * The highest glucose record sequence number kept per meter, so the next download asks only for
 * newer ones. The hub keeps them; the runtime only reads and raises them.
 */
export interface GlucoseSequences {
  last(deviceId: string): number | undefined;
  save(deviceId: string, sequence: number, at: number): void;
}
