/** The database file failed its integrity check and the store was told not to touch it. */
export class StoreCorruptError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The database ${path} is damaged (${problems.slice(0, 3).join('; ')}). It was left untouched. ` +
        `To keep it aside and start with an empty store, set the store's onCorrupt option to "move-aside" ` +
        `(the damaged file is then kept as ${path}.damaged-<time>). To try to rescue its data first: ` +
        `sqlite3 ${path} ".recover" | sqlite3 ${path}.recovered`,
    );
    this.name = 'StoreCorruptError';
  }
}

/** The data directory cannot be created or written. */
export class StoreDirectoryError extends Error {
  constructor(
    readonly directory: string,
    cause: unknown,
  ) {
    super(
      `Cannot write the data directory ${directory} (${describe(cause)}). ` +
        `Create it and give the hub's user write access, or point HEARTH_DATA_DIR at a writable directory.`,
      { cause },
    );
    this.name = 'StoreDirectoryError';
  }
}

/** Queued readings were given up (queue full while the database could not be written, or closed). */
export class StoreWriteError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'StoreWriteError';
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
