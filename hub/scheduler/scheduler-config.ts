import { Type } from 'typebox';
import { defaultsOf, Dictionary, Section, type Settings } from '../config/config-types.js';

/**
 * The `scheduler` section of the hub config: cron expressions by job name (retention, status,
 * backup, alerts, sessions, relay-…) replacing that job's own schedule. Each job carries its
 * default with it, so the section is empty unless the household moves one.
 */
export const schedulerConfigSchema = Section({
  jobs: Dictionary(Type.String({ minLength: 1 }), { default: {} }),
});

export type SchedulerConfig = Settings<typeof schedulerConfigSchema>;

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = defaultsOf(schedulerConfigSchema);
