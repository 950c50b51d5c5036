import { useState } from 'preact/hooks';
import type { ChallengeAnswer, ChallengeTemplateAnswer as ChallengeTemplate } from '../../../../hub/api/contract/challenges.js';
import { api } from '../../api/client.js';
import type { PersonOverview, User } from '../../api/types.js';
import { Field, formValues } from '../../components/field.js';
import { checkedValues, PeopleCheckboxes } from '../../components/people-checkboxes.js';
import { StatusLine } from '../../components/status-line.js';
import { useAction } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { dateLabel } from '../../format/local-date.js';
import { loadPeople } from '../../state/household.js';
import { TemplateSelect } from './template-select.js';

interface Loaded {
  readonly challenges: readonly ChallengeAnswer[];
  readonly templates: readonly ChallengeTemplate[];
  readonly people: readonly PersonOverview[];
}

async function loadChallenges(): Promise<Loaded> {
  const [challenges, templates, people] = await Promise.all([api.get<ChallengeAnswer[]>('/challenges'), api.get<ChallengeTemplate[]>('/challenge-templates'), loadPeople()]);
  return { challenges, templates, people };
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

const STATUS_WORDS: Readonly<Record<ChallengeAnswer['status'], string>> = {
  upcoming: 'Starts soon',
  running: 'Under way',
  reached: 'Reached together',
  ended: 'Ended before the goal',
};

function goalWords(challenge: ChallengeAnswer): string {
  return challenge.template === 'steps_together' ? `${challenge.target.toLocaleString()} steps together` : 'everyone, every day';
}

/** A challenge's board: the household's progress and each member's share, as bars and words, never their readings. */
function ChallengeBoard({ challenge, mayRemove, onRemove }: { readonly challenge: ChallengeAnswer; readonly mayRemove: boolean; readonly onRemove: () => void }) {
  const headingId = `challenge-${challenge.id}`;
  return (
    <article class="card challenge" aria-labelledby={headingId} data-challenge={challenge.id} data-status={challenge.status}>
      <h3 id={headingId}>{challenge.label}</h3>
      <p class="challenge-when">
        {dateLabel(challenge.firstDate)} to {dateLabel(challenge.lastDate)}: {goalWords(challenge)}. <strong>{STATUS_WORDS[challenge.status]}</strong>
      </p>
      <div class="challenge-total">
        {/* No low or high marks: a week under way is no warning, whatever its share so far. */}
        <meter min={0} max={1} value={challenge.progress} aria-label={`${challenge.label}: the household`} />
        <span>{percent(challenge.progress)} of the goal</span>
      </div>
      <ul class="plain-list challenge-shares">
        {challenge.members.map((member) => (
          <li key={member.personId} data-person={member.personId} data-share={member.share}>
            <span class="challenge-name">{member.name}</span>
            <meter min={0} max={1} value={member.share} aria-label={`${member.name}’s share`} />
            <span>{percent(member.share)}</span>
          </li>
        ))}
      </ul>
      {mayRemove && (
        <button type="button" class="danger small" onClick={onRemove}>
          Remove<span class="visually-hidden"> {challenge.label}, {dateLabel(challenge.firstDate)}</span>
        </button>
      )}
    </article>
  );
}

function NewChallengeForm({
  templates,
  people,
  onCreate,
  onProblem,
}: {
  readonly templates: readonly ChallengeTemplate[];
  readonly people: readonly PersonOverview[];
  readonly onCreate: (body: object, label: string) => void;
  readonly onProblem: (message: string) => void;
}) {
  const [chosen, setChosen] = useState(templates[0]?.id ?? 'steps_together');
  const template = templates.find((t) => t.id === chosen);
  return (
    <form
      class="card new-challenge"
      aria-labelledby="new-challenge"
      onSubmit={(event) => {
        event.preventDefault();
        if (template === undefined) return;
        const form = event.currentTarget;
        const personIds = checkedValues(form, 'person');
        if (personIds.length < 2) {
          onProblem('Choose two or more people to take part: a challenge is shared.');
          return;
        }
        const target = Number(formValues(form)['target']);
        onCreate({ template: template.id, personIds, ...(template.minTarget !== template.maxTarget && Number.isFinite(target) ? { target } : {}) }, template.label);
      }}
    >
      <h2 id="new-challenge">Start a challenge</h2>
      <TemplateSelect id="challenge-template" label="Challenge" templates={templates} chosen={chosen} onChoose={setChosen} />
      {template !== undefined && template.minTarget !== template.maxTarget && (
        <Field for="challenge-target" label="Steps in the week, together">
          <input key={template.id} id="challenge-target" name="target" type="number" inputMode="numeric" min={template.minTarget} max={template.maxTarget} step={1} value={template.defaultTarget} required />
        </Field>
      )}
      <PeopleCheckboxes
        name="person"
        legend="Who takes part (two or more)"
        people={people}
        idPrefix="challenge-person"
        hint="Everyone on it sees each member’s share of the goal, never their readings. It starts today and lasts a week."
      />
      <button type="submit">Start challenge</button>
    </form>
  );
}

/** The household's challenges: every board the account may see, and for the owner, starting and ending them. */
export function HouseholdChallenges({ user }: { readonly user: User }) {
  const { value, failure, loading, reload } = useRequest(loadChallenges);
  const { act, message, say } = useAction(reload);
  const isOwner = user.role === 'owner';
  const status = failure !== undefined ? errorText(failure) : loading && value === undefined ? 'Loading the challenges…' : value?.challenges.length === 0 ? 'No household challenge yet.' : '';
  return (
    <section class="household-challenges" aria-labelledby="challenges-heading">
      <h2 id="challenges-heading">Household challenges</h2>
      <StatusLine text={status} />
      <div class="challenge-list">
        {(value?.challenges ?? []).map((challenge) => (
          <ChallengeBoard
            key={challenge.id}
            challenge={challenge}
            mayRemove={isOwner}
            onRemove={() => {
              // Removed with its board, for everyone on it: asked once more.
              if (!window.confirm(`Remove “${challenge.label}” and its board for everyone on it?`)) return;
              void act(() => api.delete(`/challenges/${encodeURIComponent(challenge.id)}`), `${challenge.label}: removed.`);
            }}
          />
        ))}
      </div>
      <StatusLine text={message} />
      {isOwner && value !== undefined && value.people.length >= 2 && (
        <NewChallengeForm templates={value.templates} people={value.people} onProblem={say} onCreate={(body, label) => void act(() => api.post('/challenges', body), `${label}: started.`)} />
      )}
    </section>
  );
}
