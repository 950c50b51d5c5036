import { signal, type ReadonlySignal } from '@preact/signals';
import type { QuestFaceAnswer } from '../../../../hub/api/contract/goals.js';
import { api, ApiError } from '../../api/client.js';

/** How often the tiles ask again: the hub judges a goal half a minute after the steps that met it. */
const REFRESH_MS = 60_000;

/**
 * Everyone's tile face of HealthQuest, asked for once for all tiles and again every minute while a
 * tile shows one. A hub without HealthQuest, or a failed answer, leaves the tiles without it.
 */
export class QuestFaces {
  private readonly current = signal<ReadonlyMap<string, QuestFaceAnswer>>(new Map());
  private shown = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Answers are taken in the order they were asked for: a late older one never overwrites a newer. */
  private asked = 0;

  constructor(private readonly load: () => Promise<readonly QuestFaceAnswer[]>) {}

  get faces(): ReadonlySignal<ReadonlyMap<string, QuestFaceAnswer>> {
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
      // The next account to sign in on this page starts without this one's faces.
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
        // A hub without HealthQuest says so once: asking every minute would change nothing.
        if (error instanceof ApiError && error.status === 503) clearInterval(this.timer);
      });
  }
}

export const questFaces = new QuestFaces(() => api.get<QuestFaceAnswer[]>('/goal-faces'));
