// The layers of the house: which folders may import which parts of the project. One line a rule;
// eslint.config.js turns them into lint errors, so `make test` fails when an import crosses a layer.
// Paths are folders (or files) from the repository root. Packages and Node's own modules are never
// restricted here.

/** Files in `folder` may import from the project only what lies under `allowed`. */
const only = (folder, allowed) => ({ folder, allowed });
/** Files in any of `folders` may not import what lies under `forbidden`. */
const never = (folders, forbidden) => ({ folders, forbidden });
/** Files in `folder` may import from `within` only the types (`import type`) of the folders `typesOf`. */
const typesOnly = (folder, typesOf, within) => ({ folder, typesOnly: typesOf, within });

export const LAYERS = [
  // The shared kernel: metric catalogue, readings, units, clock, backoff, scheduler.
  only('core', ['core']),
  // Device formats and runtimes: they hear devices and hand on what they heard, nothing of the hub.
  only('drivers', ['core', 'drivers']),
  // The bus carries the hub's events; it knows their payloads, not the parts that send or receive them.
  only('hub/bus', ['core', 'hub/bus']),
  // Parts reach the API through the hub context (hub/services), never by importing it.
  never(['apps', 'alerts', 'inference', 'mqtt', 'relay', 'observability', 'backup', 'export', 'household', 'accounts', 'sources', 'scheduler'].map((part) => `hub/${part}`), ['hub/api']),
  // The dashboard runs in the browser: the API contract's types, never the hub's code.
  typesOnly('ui/src', ['hub/api/contract'], 'hub'),
];
