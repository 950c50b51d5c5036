import { isAbsolute, join } from 'node:path';
import type { HubConfig } from '../config/hub-config.js';

/** Where snapshots go: `backup.dir`, relative to the data directory, or `<dataDir>/backups`. */
export function backupDir(config: Pick<HubConfig, 'dataDir' | 'backup'>): string {
  const dir = config.backup.dir;
  if (dir === '') return join(config.dataDir, 'backups');
  return isAbsolute(dir) ? dir : join(config.dataDir, dir);
}
