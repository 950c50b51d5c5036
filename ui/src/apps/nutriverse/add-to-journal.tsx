import { useState } from 'preact/hooks';
import type { RecentFoodsAnswer } from '../../../../hub/api/contract/food-journal.js';
import type { FoodAnswer } from '../../../../hub/api/contract/foods.js';
import { api } from '../../api/client.js';
import { newEntryId } from '../../api/entry-id.js';
import { Field, formValues } from '../../components/field.js';
import type { Act } from '../../components/use-action.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';
import { FoodSearch } from './food-search.js';
import { MEALS, mealAt, type Meal } from './journal-format.js';

const WATER = '14411';
const QUICK_DRINKS = [
  { label: 'Glass of water', ml: 250 },
  { label: 'Bottle of water', ml: 500 },
] as const;

interface AddProps {
  readonly personId: string;
  readonly act: Act;
}

function journalPath(personId: string): string {
  return `/people/${encodeURIComponent(personId)}/food-journal`;
}

/** Water with one press: the drinks people log most often. */
export function QuickDrinks({ personId, act }: AddProps) {
  return (
    <section class="card quick-drinks" aria-labelledby="quick-drinks-heading">
      <h2 id="quick-drinks-heading">Water</h2>
      <div class="button-row">
        {QUICK_DRINKS.map((drink) => (
          <button
            key={drink.ml}
            type="button"
            onClick={() => void act(() => api.post(journalPath(personId), { id: newEntryId(), foodId: WATER, meal: 'drinks', grams: drink.ml, portion: `${drink.label.toLowerCase()} (${drink.ml} mL)` }), `${drink.label} added.`)}
          >
            + {drink.label} ({drink.ml} mL)
          </button>
        ))}
      </div>
    </section>
  );
}

type Recent = RecentFoodsAnswer[number];

/** A food as it was last written down: its portion and meal are the form's first choice. */
interface Chosen {
  readonly food: FoodAnswer;
  readonly last?: Recent;
}

/** The chosen food: which portion, how many, which meal, then added to today. */
function EntryForm({ food, last, personId, act, onAdded }: AddProps & Chosen & { readonly onAdded: () => void }) {
  // Made once per form, so a second press of a slow first send is the same entry.
  const [entryId, setEntryId] = useState(newEntryId);
  const portions = food.portions.length > 0 ? food.portions : [{ description: '100 g', grams: 100 }];
  const drink = food.category === 'Beverages';
  // Computed once: the hour moving on while the form is open must not change what it offers.
  const [firstMeal] = useState(() => (drink ? 'drinks' : (last?.meal ?? mealAt(new Date().getHours()))));
  const lastPortion = last === undefined ? -1 : portions.findIndex((p) => p.description === last.portion || (last.portion === null && p.grams === last.grams));
  const submit = async (event: Event) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const portion = portions[Number(values['portion'] ?? 0)] ?? portions[0];
    if (portion === undefined) return;
    const added = await act(
      () => api.post(journalPath(personId), { id: entryId, foodId: food.id, meal: values['meal'] as Meal, grams: portion.grams, count: Number(values['count'] ?? 1), portion: portion.description }),
      `${food.name} added.`,
    );
    // Refused (a count out of range, the hub unreachable): the form stays, with the same entry id for the retry.
    if (!added) return;
    setEntryId(newEntryId());
    onAdded();
  };
  return (
    <form class="journal-entry-form" aria-label={`Add ${food.name}`} onSubmit={(event) => void submit(event)}>
      <p class="chosen-food">{food.name}</p>
      <Field for="entry-portion" label="Portion">
        {/* Chosen through each option's `selected`: a select has no default value of its own, and a value would undo the person's choice at every render. */}
        <select id="entry-portion" name="portion">
          {portions.map((p, i) => (
            <option key={p.description} value={String(i)} selected={i === Math.max(0, lastPortion)}>
              {p.description} ({p.grams} g)
            </option>
          ))}
        </select>
      </Field>
      <Field for="entry-count" label="How many">
        <input id="entry-count" name="count" type="number" inputMode="decimal" min={0.25} max={20} step={0.25} defaultValue="1" required />
      </Field>
      <Field for="entry-meal" label="Meal">
        <select id="entry-meal" name="meal">
          {MEALS.map((meal) => (
            <option key={meal.id} value={meal.id} selected={meal.id === firstMeal}>
              {meal.label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" class="primary">
        Add to today
      </button>
    </form>
  );
}

/** The foods written down last, each a press away from its form, as it was last written. */
function RecentFoods({ personId, onChoose }: { readonly personId: string; readonly onChoose: (chosen: Chosen) => void }) {
  const { value } = useRequest(() => api.get<Recent[]>(`${journalPath(personId)}/recent`));
  const [failure, setFailure] = useState('');
  if (value === undefined || value.length === 0) return null;
  const choose = async (recent: Recent) => {
    try {
      onChoose({ food: await api.get<FoodAnswer>(`/foods/${recent.foodId}`), last: recent });
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <div class="recent-foods">
      <h3 id="recent-foods-heading">Recent</h3>
      <ul class="plain-list food-results" aria-labelledby="recent-foods-heading">
        {value.map((recent) => (
          <li key={recent.foodId}>
            <button type="button" class="food-result" onClick={() => void choose(recent)}>
              <span>{recent.name}</span>
              <span class="muted">{recent.portion ?? `${recent.grams} g`}</span>
            </button>
          </li>
        ))}
      </ul>
      {failure !== '' && <p class="status">{failure}</p>}
    </div>
  );
}

/**
 * A food found by typing, or among the recent ones, then added to today's journal. Chosen, the
 * food's form takes the place of the lists (on a phone it would be twenty results further down);
 * added, a new search begins.
 */
export function AddFood({ personId, act }: AddProps) {
  const [chosen, setChosen] = useState<Chosen | undefined>(undefined);
  const [searches, setSearches] = useState(0);
  return (
    <section class="card add-food" aria-labelledby="add-food-heading">
      <h2 id="add-food-heading">Add a food or drink</h2>
      <div hidden={chosen !== undefined}>
        <RecentFoods key={searches} personId={personId} onChoose={setChosen} />
        <FoodSearch key={searches} chosenId={chosen?.food.id} onChoose={(food) => setChosen({ food })} />
      </div>
      {chosen !== undefined && (
        <>
          <EntryForm
            key={chosen.food.id}
            food={chosen.food}
            {...(chosen.last === undefined ? {} : { last: chosen.last })}
            personId={personId}
            act={act}
            onAdded={() => {
              setChosen(undefined);
              setSearches((n) => n + 1);
            }}
          />
          <button type="button" class="link-button" onClick={() => setChosen(undefined)}>
            Choose another food
          </button>
        </>
      )}
    </section>
  );
}
