import { useState } from 'preact/hooks';
import type { FoodAnswer } from '../../../../hub/api/contract/foods.js';
import { api } from '../../api/client.js';
import { newEntryId } from '../../api/entry-id.js';
import { Field, formValues } from '../../components/field.js';
import type { Act } from '../../components/use-action.js';
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

/** The chosen food: which portion, how many, which meal, then added to today. */
function EntryForm({ food, personId, act, onAdded }: AddProps & { readonly food: FoodAnswer; readonly onAdded: () => void }) {
  // Made once per form, so a second press of a slow first send is the same entry.
  const [entryId, setEntryId] = useState(newEntryId);
  const portions = food.portions.length > 0 ? food.portions : [{ description: '100 g', grams: 100 }];
  const drink = food.category === 'Beverages';
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
        <select id="entry-portion" name="portion">
          {portions.map((p, i) => (
            <option key={p.description} value={String(i)}>
              {p.description} ({p.grams} g)
            </option>
          ))}
        </select>
      </Field>
      <Field for="entry-count" label="How many">
        <input id="entry-count" name="count" type="number" inputMode="decimal" min={0.25} max={20} step={0.25} defaultValue="1" required />
      </Field>
      <Field for="entry-meal" label="Meal">
        <select id="entry-meal" name="meal" defaultValue={drink ? 'drinks' : mealAt(new Date().getHours())}>
          {MEALS.map((meal) => (
            <option key={meal.id} value={meal.id}>
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

/**
 * A food found by typing, then added to today's journal. Chosen, the food's form takes the place
 * of the list (on a phone it would be twenty results further down); added, a new search begins.
 */
export function AddFood({ personId, act }: AddProps) {
  const [chosen, setChosen] = useState<FoodAnswer | undefined>(undefined);
  const [searches, setSearches] = useState(0);
  return (
    <section class="card add-food" aria-labelledby="add-food-heading">
      <h2 id="add-food-heading">Add a food or drink</h2>
      <div hidden={chosen !== undefined}>
        <FoodSearch key={searches} chosenId={chosen?.id} onChoose={setChosen} />
      </div>
      {chosen !== undefined && (
        <>
          <EntryForm
            key={chosen.id}
            food={chosen}
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
