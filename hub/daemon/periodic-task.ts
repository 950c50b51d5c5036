/** Runs `work` every `intervalMs`, and once more when stopped so that nothing counted is lost. */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly work: () => void,
    private readonly intervalMs: number,
  ) {}

  asPart(): { start(): Promise<void>; stop(): Promise<void> } {
    return {
      start: async () => {
        this.timer = setInterval(this.work, this.intervalMs);
        this.timer.unref();
      },
      stop: async () => {
        clearInterval(this.timer);
        this.timer = undefined;
        this.work();
      },
    };
  }
}
