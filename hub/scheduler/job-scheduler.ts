import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface ScheduledJob {
  readonly name: string;
  readonly schedule: string;
  readonly run: () => unknown;
}

/**
 * Periodic maintenance (retention, rollup checks, status, later inference and relay) on node-cron.
 * The job list is logged at start; a job still running when its next turn comes is skipped, and a
 * failing job is logged without stopping the others.
 */
export class JobScheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly logger: Logger,
  ) {
    for (const job of jobs) {
      if (!cron.validate(job.schedule)) throw new Error(`scheduler.jobs.${job.name}: "${job.schedule}" is not a valid cron expression`);
    }
  }

  async start(): Promise<void> {
    for (const job of this.jobs) {
      this.tasks.push(cron.schedule(job.schedule, () => this.runJob(job), { name: job.name, noOverlap: true }));
    }
    this.logger.info({ jobs: this.jobs.map((j) => ({ name: j.name, schedule: j.schedule })) }, 'scheduled jobs');
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
  }

  /** Runs one job now (used by tests and by the `run` of a job on demand). */
  async runJob(job: ScheduledJob): Promise<void> {
    if (this.running.has(job.name)) {
      this.logger.warn({ job: job.name }, 'job still running; this turn is skipped');
      return;
    }
    this.running.add(job.name);
    const started = Date.now();
    try {
      await job.run();
      this.logger.debug({ job: job.name, ms: Date.now() - started }, 'job done');
    } catch (error) {
      this.logger.error({ job: job.name, err: error }, 'job failed');
    } finally {
      this.running.delete(job.name);
    }
  }
}
