import { useEffect, useRef, useState } from 'preact/hooks';
import type { FoodAnswer } from '../../../../hub/api/contract/foods.js';
import { api } from '../../api/client.js';
import { Field } from '../../components/field.js';
import { StatusLine } from '../../components/status-line.js';
import { useRequest } from '../../components/use-request.js';
import { errorText } from '../../format/error-text.js';

/** Asked this long after the last key, so typing "banana" asks once or twice, not six times. */
const TYPING_PAUSE_MS = 150;
const SHOWN = 20;

interface FoodSearchProps {
  readonly chosenId: string | undefined;
  readonly onChoose: (food: FoodAnswer) => void;
}

/** The food composition table searched as someone types; a food found is chosen with a press. */
export function FoodSearch({ chosenId, onChoose }: FoodSearchProps) {
  const [typed, setTyped] = useState('');
  const query = useRef('');
  const { value, failure, loading, reload } = useRequest(() => (query.current.trim() === '' ? Promise.resolve([] as FoodAnswer[]) : api.get<FoodAnswer[]>('/foods', { q: query.current, limit: String(SHOWN) })));

  useEffect(() => {
    const timer = setTimeout(() => {
      query.current = typed;
      void reload();
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, reload]);

  const results = value ?? [];
  const status =
    failure !== undefined
      ? errorText(failure)
      : typed.trim() === ''
        ? ''
        : loading && value === undefined
          ? 'Searching…'
          : results.length === 0
            ? `No food matches “${typed.trim()}”.`
            : `${results.length === SHOWN ? `The first ${SHOWN}` : results.length} ${results.length === 1 ? 'food' : 'foods'} for “${typed.trim()}”.`;
  return (
    <div class="food-search">
      <Field for="food-search" label="Find a food">
        <input id="food-search" type="search" autocomplete="off" value={typed} onInput={(event) => setTyped(event.currentTarget.value)} />
      </Field>
      <StatusLine text={status} />
      <ul class="plain-list food-results" aria-label="Foods found">
        {results.map((food) => (
          <li key={food.id}>
            <button type="button" class={chosenId === food.id ? 'food-result chosen' : 'food-result'} aria-pressed={chosenId === food.id} onClick={() => onChoose(food)}>
              <span>{food.name}</span>
              <span class="muted">{food.per100g.kcal === null ? '' : ` ${Math.round(food.per100g.kcal)} kcal per 100 g`}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
