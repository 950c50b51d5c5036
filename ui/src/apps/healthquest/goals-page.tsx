import { useEffect, useState } from 'preact/hooks';
import type { GoalAnswer, GoalTemplateAnswer, QuestAnswer } from '../../../../hub/api/contract/goals.js';
import { api } from '../../api/client.js';
import { Field, formValues } from '../../components/field.js';
import { StatusLine } from '../../components/status-line.js';
import { useAction, type Act } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { loadPeople, personName } from '../../state/household.js';
import { href, type PageProps } from '../dashboard-app.js';
import { DaysWithoutData } from './days-without-data.js';
import { GoalCalendar } from './goal-calendar.js';
import { addDays } from '../../format/local-date.js';
import { KG_PER_LB } from '../../../../core/units.js';
import { clockValue, formatAmount, inPounds, minutesOfClock, nudgeText, targetText, type TargetKind } from './goal-format.js';
import { GOALS_PATH } from './goal-paths.js';
import { QuestAvatar } from './quest-avatar.js';
import { TemplateSelect } from './template-select.js';

interface Loaded {
  readonly name: string;
  readonly quest: QuestAnswer;
  readonly templates: readonly GoalTemplateAnswer[];
}

async function loadQuest(personId: string): Promise<Loaded> {
  const [people, quest, templates] = await Promise.all([loadPeople(), api.get<QuestAnswer>('/goals', { personId }), api.get<GoalTemplateAnswer[]>('/goal-templates')]);
  return { name: personName(people, personId), quest, templates };
}

/** The target a form holds, in the template's terms; undefined when it is not a number. */
function targetFrom(kind: TargetKind, value: string | undefined): number | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'clock') return minutesOfClock(value ?? '');
  const number = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(number)) return undefined;
  // A weight is typed in the household's unit and kept in kg.
  if (kind === 'kg') return Math.round((inPounds() ? number * KG_PER_LB : number) * 10) / 10;
  return kind === 'minutes' ? Math.round(number * 60) : number;
}

function TargetInput({ id, kind, value, min, max }: { readonly id: string; readonly kind: TargetKind; readonly value: number; readonly min: number; readonly max: number }) {
  if (kind === 'none') return null;
  if (kind === 'kg') {
    const pounds = inPounds();
    const shown = (kg: number): number => Math.round((pounds ? kg / KG_PER_LB : kg) * 10) / 10;
    return (
      <Field for={id} label={pounds ? 'Target weight (lb)' : 'Target weight (kg)'}>
        <input id={id} name="target" type="number" inputMode="decimal" min={shown(min)} max={shown(max)} step={0.1} value={shown(value)} required />
      </Field>
    );
  }
  if (kind === 'clock') {
    return (
      <Field for={id} label="Bedtime">
        <input id={id} name="target" type="time" value={clockValue(value)} required />
      </Field>
    );
  }
  if (kind === 'ml') {
    return (
      <Field for={id} label="Millilitres a day">
        <input id={id} name="target" type="number" inputMode="numeric" min={min} max={max} step={50} value={value} required />
      </Field>
    );
  }
  return kind === 'steps' ? (
    <Field for={id} label="Steps a day">
      <input id={id} name="target" type="number" inputMode="numeric" min={min} max={max} step={1} value={value} required />
    </Field>
  ) : (
    <Field for={id} label="Hours">
      <input id={id} name="target" type="number" inputMode="decimal" min={min / 60} max={max / 60} step={0.25} value={value / 60} required />
    </Field>
  );
}

/** One person's goals: level and badges, each goal with today, its streak and twelve weeks of days. */
export function GoalsPage({ user, params }: PageProps) {
  const personId = params['personId'] ?? '';
  const { value, failure, loading, reload } = useRequest(() => loadQuest(personId));
  const mayEdit = user.role === 'owner' || (user.role === 'member' && user.personId === personId);

  useEffect(() => {
    if (value !== undefined) document.title = `${value.name}: goals — Hearth`;
  }, [value]);

  const { act, message } = useAction(reload);

  const quest = value?.quest;
  const best = Math.max(0, ...(quest?.goals.map((g) => g.streak.current) ?? []));
  const status = failure !== undefined ? errorText(failure) : loading && value === undefined ? 'Loading…' : quest?.goals.length === 0 ? `No goals yet for ${value?.name ?? personId}.` : '';
  return (
    <section class="page goals-page">
      <p class="breadcrumb">
        <a href={href(GOALS_PATH)}>Goals</a>
      </p>
      <div class="quest-head">
        {quest !== undefined && value !== undefined && <QuestAvatar name={value.name} level={quest.level} streak={best} />}
        <div>
          <h1>{value?.name ?? personId}: goals</h1>
          {quest !== undefined && (
            <p class="quest-level" data-level={quest.level} data-points={quest.points}>
              Level {quest.level}: {quest.points} points
              {quest.nextLevelAt !== null ? `, ${quest.nextLevelAt - quest.points} to level ${quest.level + 1}` : ''}.
              {quest.badges.length > 0 && ` Badges: ${quest.badges.map((b) => b.label).join(', ')}.`}
            </p>
          )}
        </div>
      </div>
      <StatusLine text={status} />
      <p role="status" class="goals-message">
        {message}
      </p>
      {quest !== undefined && value !== undefined && (
        <div class="goal-list">
          {quest.goals.map((goal) => (
            <GoalCard key={goal.id} goal={goal} today={quest.today} templates={value.templates} mayEdit={mayEdit} act={act} />
          ))}
        </div>
      )}
      {mayEdit && value !== undefined && <NewGoalForm personId={personId} templates={value.templates} act={act} />}
    </section>
  );
}


function GoalCard({ goal, today, templates, mayEdit, act }: { readonly goal: GoalAnswer; readonly today: string; readonly templates: readonly GoalTemplateAnswer[]; readonly mayEdit: boolean; readonly act: Act }) {
  const template = templates.find((t) => t.id === goal.template);
  const kind: TargetKind = template?.targetKind ?? 'none';
  // A night's goal is known once the night is over: it shows last night, the others today.
  const nightly = goal.template === 'sleep_duration' || goal.template === 'bedtime' || goal.template === 'strap_overnight';
  const day = nightly ? goal.days.find((d) => d.date === addDays(today, -1)) : goal.today;
  const when = nightly ? 'last night' : 'today';
  const now =
    day === undefined || day.status === 'no_data'
      ? kind === 'ml'
        ? 'No drinks written down yet today.'
        : `Nothing measured for it ${when === 'today' ? 'yet today' : 'last night'}.`
      : day.status === 'met'
        ? `Met ${when}${day.value === null ? '' : `: ${formatAmount(kind, day.value)}`}.`
        : kind === 'kg' && day.value !== null
          ? `Weighed today: ${formatAmount(kind, day.value)}; the week's average is no closer to the target yet.`
          : `${when === 'today' ? 'Today so far' : 'Last night'}: ${day.value === null ? 'nothing' : formatAmount(kind, day.value)}.`;
  const save = (form: HTMLFormElement): void => {
    const target = targetFrom(kind, formValues(form)['target']);
    if (target === undefined) return;
    void act(() => api.patch(`/goals/${encodeURIComponent(goal.id)}`, { target }), `${goal.label}: the new target holds from today.`);
  };
  return (
    <article class="goal card" data-goal={goal.template} data-today={day?.status ?? 'none'} data-streak={goal.streak.current}>
      <h2>{goal.label}</h2>
      <p class="muted">Target: {targetText(kind, goal.target)}</p>
      <div class="goal-today">
        <meter min={0} max={1} optimum={1} low={0.5} high={0.99} value={day?.progress ?? 0} aria-label={`${goal.label} ${when}`} />
        <span>{now}</span>
      </div>
      {goal.atRisk && <p class="goal-nudge">{nudgeText(goal, day?.value ?? null)}</p>}
      <p class="goal-streak">
        {goal.streak.current === 0 ? 'No streak going.' : goal.streak.current === 1 ? 'A one-day streak.' : `A ${goal.streak.current}-day streak.`}
        {goal.streak.best > goal.streak.current && ` Best: ${goal.streak.best} days.`}
      </p>
      <GoalCalendar days={goal.days} today={today} kind={kind} />
      {mayEdit && template?.withoutData === 'no_data' && <DaysWithoutData goal={goal} today={today} act={act} />}
      {mayEdit && (
        <div class="goal-edit row">
          {kind !== 'none' && (
            <form
              class="row"
              onSubmit={(event) => {
                event.preventDefault();
                save(event.currentTarget);
              }}
            >
              <TargetInput id={`target-${goal.id}`} kind={kind} value={goal.target} min={template?.minTarget ?? 0} max={template?.maxTarget ?? goal.target} />
              <button type="submit" class="small">
                Change target
              </button>
            </form>
          )}
          <button
            type="button"
            class="small"
            onClick={() => {
              // Its days and the points they earned go with it.
              if (confirm(`Remove the goal “${goal.label}”, with its streak and its days?`)) void act(() => api.delete(`/goals/${encodeURIComponent(goal.id)}`), `${goal.label}: removed, with its days.`);
            }}
          >
            Remove {goal.label.toLowerCase()}
          </button>
        </div>
      )}
    </article>
  );
}

function NewGoalForm({ personId, templates, act }: { readonly personId: string; readonly templates: readonly GoalTemplateAnswer[]; readonly act: Act }) {
  const [chosen, setChosen] = useState<string>(templates[0]?.id ?? 'steps');
  const template = templates.find((t) => t.id === chosen);
  const submit = (form: HTMLFormElement): void => {
    if (template === undefined) return;
    const target = targetFrom(template.targetKind, formValues(form)['target']);
    void act(() => api.post('/goals', { personId, template: template.id, ...(target === undefined ? {} : { target }) }), `${template.label}: added. The hub judges it from the readings it has.`);
  };
  return (
    <form
      class="card new-goal"
      aria-labelledby="new-goal"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget);
      }}
    >
      <h2 id="new-goal">Add a goal</h2>
      <TemplateSelect id="goal-template" label="Goal" templates={templates} chosen={chosen} onChoose={setChosen} />
      {template !== undefined && <TargetInput key={template.id} id="goal-target" kind={template.targetKind} value={template.defaultTarget} min={template.minTarget} max={template.maxTarget} />}
      <button type="submit">Add goal</button>
    </form>
  );
}
