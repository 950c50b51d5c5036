import { useEffect } from 'preact/hooks';
import { householdOrder } from '../apps/vitaltrack/overview/household-order.js';
import { PersonTile } from '../apps/vitaltrack/overview/person-tile.js';
import { OfflineBanner } from '../offline/offline-banner.js';
import type { SavedOverview } from '../offline/last-overview.js';

interface OfflinePageProps {
  readonly saved: SavedOverview;
  readonly onRetry: () => void;
}

/**
 * The hub did not answer, but this browser still has the household as it last saw it: those
 * values, each with its age, under a banner that says they are old. Nothing here acts on the hub.
 */
export function OfflinePage({ saved, onRetry }: OfflinePageProps) {
  // The device says it is back on a network: ask the hub again without waiting for a tap.
  useEffect(() => {
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [onRetry]);
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">
          <span aria-hidden="true">♥ </span>Hearth
        </span>
      </header>
      <main id="main" class="offline">
        <section class="page">
          <h1>Household</h1>
          <OfflineBanner savedAt={saved.savedAt} onRetry={onRetry} />
          <div class="tiles">
            {householdOrder(saved.people, []).map((person) => (
              <PersonTile key={person.id} person={person} alerts={[]} />
            ))}
          </div>
        </section>
      </main>
    </div>
  );
}
