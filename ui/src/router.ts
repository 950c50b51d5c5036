/** Hash routes (#/people/alex), so the hub's SPA fallback never has to know the dashboard's paths. */

export interface Route {
  readonly name: RouteName;
  readonly params: Readonly<Record<string, string>>;
}

export type RouteName = 'overview' | 'person' | 'waveform' | 'devices' | 'alerts' | 'insights' | 'settings' | 'not-found';

const PATTERNS: readonly (readonly [RouteName, RegExp, readonly string[]])[] = [
  ['overview', /^\/?$/, []],
  ['person', /^\/people\/([^/]+)$/, ['personId']],
  ['waveform', /^\/people\/([^/]+)\/live$/, ['personId']],
  ['devices', /^\/devices$/, []],
  ['alerts', /^\/alerts$/, []],
  ['insights', /^\/insights$/, []],
  ['settings', /^\/settings$/, []],
];

export function currentRoute(hash = location.hash): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  for (const [name, pattern, keys] of PATTERNS) {
    const match = pattern.exec(path);
    if (match === null) continue;
    const params: Record<string, string> = {};
    keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1] ?? '')));
    return { name, params };
  }
  return { name: 'not-found', params: {} };
}

export function href(path: string): string {
  return `#${path}`;
}

export function personHref(personId: string): string {
  return href(`/people/${encodeURIComponent(personId)}`);
}
