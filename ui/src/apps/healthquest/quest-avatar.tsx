/**
 * A person's face of HealthQuest: a round badge that grows a ring for each level and a flame once
 * a streak reaches three days, so the progress shows at a glance. Decorative: the level and streak
 * are said in words beside it.
 */
export function QuestAvatar({ name, level, streak }: { readonly name: string; readonly level: number; readonly streak: number }) {
  const rings = Math.min(level, 6);
  return (
    <svg class="quest-avatar" viewBox="0 0 64 64" aria-hidden="true" focusable="false" data-level={level} data-streak={streak}>
      {Array.from({ length: rings }, (_, i) => (
        <circle key={i} cx={32} cy={32} r={30 - i * 3} class={`avatar-ring avatar-ring-${i % 3}`} />
      ))}
      <circle cx={32} cy={32} r={30 - rings * 3} class="avatar-face" />
      <text x={32} y={38} text-anchor="middle" class="avatar-initial">
        {name.charAt(0).toUpperCase()}
      </text>
      {streak >= 3 && <path class="avatar-flame" d="M50 6 C56 14 58 20 52 26 C50 22 47 21 46 18 C44 22 44 24 46 27 C40 24 40 15 50 6 Z" />}
    </svg>
  );
}
