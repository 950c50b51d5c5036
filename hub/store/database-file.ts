/** The database's file name inside the data directory (the daemon, CLI tools and backups agree on it). */
export const DATABASE_FILE = 'hearth.db';
