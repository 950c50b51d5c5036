import { readFileSync } from 'node:fs';

/** The hub's version, from package.json (found from the compiled file's place in dist/). */
export const HUB_VERSION: string = (() => {
  for (const relative of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hearth' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
})();
