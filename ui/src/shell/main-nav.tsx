import type { NavBadge, NavEntry } from '../apps/dashboard-app.js';
import { href } from '../apps/dashboard-app.js';

interface MainNavProps {
  readonly entries: readonly NavEntry[];
  /** The entry of the page on screen. */
  readonly current: string | undefined;
}

export function MainNav({ entries, current }: MainNavProps) {
  return (
    <nav aria-label="Main">
      <ul>
        {entries.map((entry) => (
          <li key={entry.path}>
            <a href={href(entry.path)} aria-current={entry.path === current ? 'page' : undefined}>
              {entry.label}
              {entry.badge !== undefined && <Badge badge={entry.badge} />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Badge({ badge }: { readonly badge: NavBadge }) {
  const count = badge.count.value;
  return (
    <span class="badge" hidden={count === 0} aria-label={badge.label(count)}>
      {count}
    </span>
  );
}
