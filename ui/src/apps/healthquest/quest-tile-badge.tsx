import { useEffect } from 'preact/hooks';
import { goalsHref } from './goal-paths.js';
import { QuestAvatar } from './quest-avatar.js';
import { questFaces } from './quest-faces.js';

function streakWords(days: number): string {
  return days === 0 ? 'no streak going' : days === 1 ? 'a 1-day streak' : `a ${days}-day streak`;
}

/** HealthQuest on a person's tile: their avatar, level and streak, leading to their goals. */
export function QuestTileBadge({ personId, name }: { readonly personId: string; readonly name: string }) {
  useEffect(() => questFaces.show(), []);
  const face = questFaces.byPerson.value.get(personId);
  if (face === undefined) return null;
  const said = `${name}’s goals: level ${face.level}, ${streakWords(face.streak)}, `;
  const met = `${face.metToday} of ${face.goals} met today`;
  const risk = face.atRisk === 0 ? '' : face.atRisk === 1 ? ', a streak to keep' : `, ${face.atRisk} streaks to keep`;
  // Named by its words, the seen ones among them, so what is seen is what a voice command names.
  return (
    <a class="quest-badge" href={goalsHref(personId)} title={`${said}${met}${risk}`} data-level={face.level} data-streak={face.streak} data-met-today={face.metToday} data-at-risk={face.atRisk}>
      <QuestAvatar name={name} level={face.level} streak={face.streak} />
      <span class="visually-hidden">{said}</span>
      <span>{met}</span>
      {risk !== '' && <span class="quest-at-risk">{risk}</span>}
    </a>
  );
}
