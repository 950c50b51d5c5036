import { signal, type ReadonlySignal } from '@preact/signals';
import type { QuestFaceAnswer } from '../../../../hub/api/contract/goals.js';
import { api } from '../../api/client.js';

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
      if (--this.shown === 0) clearInterval(this.timer);
    };
  }

  refresh(): void {
    this.load()
      .then((faces) => (this.current.value = new Map(faces.map((face) => [face.personId, face]))))
      .catch(() => (this.current.value = new Map()));
  }
}

export const questFaces = new QuestFaces(() => api.get<QuestFaceAnswer[]>('/goal-faces'));
