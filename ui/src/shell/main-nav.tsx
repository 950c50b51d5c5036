import { useSignal } from '@preact/signals';
import type { NavBadge, NavEntry } from '../apps/dashboard-app.js';
import { href } from '../apps/dashboard-app.js';

interface MainNavProps {
  readonly entries: readonly NavEntry[];
  /** The entry of the page on screen. */
  readonly current: string | undefined;
}

/**
 * How many entries a phone's bottom tab bar shows at full width: more than five, and the first
 * four stay with a "More" tab for the rest, so every section is one or two taps away and each
 * tab keeps a 44 px target.
 */
const PHONE_TABS = 5;

/** The main navigation: a row in the top bar on a wide screen, a bottom tab bar on a phone. */
export function MainNav({ entries, current }: MainNavProps) {
  const moreOpen = useSignal(false);
  const overflowing = entries.length > PHONE_TABS;
  const onPhoneBar = overflowing ? PHONE_TABS - 1 : PHONE_TABS;
  const currentInMore = overflowing && entries.slice(onPhoneBar).some((entry) => entry.path === current);
  return (
    <nav aria-label="Main" class={overflowing ? 'main-nav has-more' : 'main-nav'} style={{ '--tabs': Math.min(entries.length, PHONE_TABS) }}>
      <ul>
        {entries.map((entry, index) => (
          <li key={entry.path} class={index >= onPhoneBar ? 'in-more' : undefined} data-open={index >= onPhoneBar && moreOpen.value ? '' : undefined}>
            <a href={href(entry.path)} aria-current={entry.path === current ? 'page' : undefined} onClick={() => (moreOpen.value = false)}>
              {entry.label}
              {entry.badge !== undefined && <Badge badge={entry.badge} />}
            </a>
          </li>
        ))}
        {overflowing && (
          <li class="more-tab">
            <button type="button" aria-expanded={moreOpen.value} class={currentInMore ? 'current' : undefined} onClick={() => (moreOpen.value = !moreOpen.value)}>
              More
            </button>
          </li>
        )}
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
