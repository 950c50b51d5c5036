import { signal, type ReadonlySignal } from '@preact/signals';
import { ApiError } from '../api/client.js';

/** How often the tiles ask again: the hub judges a goal half a minute after the steps that met it, and a dose falls due on the minute. */
const REFRESH_MS = 60_000;

/**
 * Something an app shows on each person's tile (HealthQuest's face, NutriVerse's reminders), asked
 * for once for all tiles and again every minute while a tile shows it. A hub without the app, or a
 * failed answer, leaves the tiles without it.
 */
export class PeoplePoll<T extends { readonly personId: string }> {
  private readonly current = signal<ReadonlyMap<string, T>>(new Map());
  private shown = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Answers are taken in the order they were asked for: a late older one never overwrites a newer. */
  private asked = 0;

  constructor(private readonly load: () => Promise<readonly T[]>) {}

  get byPerson(): ReadonlySignal<ReadonlyMap<string, T>> {
    return this.current;
  }

  /** A tile showing faces came; returns its leaving. */
  show(): () => void {
    if (this.shown++ === 0) {
      this.refresh();
      this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    }
    return () => {
      if (--this.shown > 0) return;
      clearInterval(this.timer);
      // The next account to sign in on this page starts without this one's.
      this.asked++;
      this.current.value = new Map();
    };
  }

  refresh(): void {
    const ask = ++this.asked;
    this.load()
      .then((faces) => {
        if (ask === this.asked) this.current.value = new Map(faces.map((face) => [face.personId, face]));
      })
      .catch((error: unknown) => {
        if (ask !== this.asked) return;
        this.current.value = new Map();
        // A hub without the app says so once: asking every minute would change nothing.
        if (error instanceof ApiError && error.status === 503) clearInterval(this.timer);
      });
  }
}
