/** What the simulated household's part offers while it runs: a way to stop it for good. */
export interface SimulationControl {
  /** Stops the simulated devices sending; the part stays stopped until the hub starts again. */
  pause(): Promise<void>;
  /** Starts them again (a removal that failed leaves the household as it was). */
  resume(): Promise<void>;
}
