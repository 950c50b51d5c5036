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

const NUTRIENTS: readonly { readonly key: keyof FoodAnswer['per100g']; readonly label: string; readonly unit: string; readonly decimals: number }[] = [
  { key: 'kcal', label: 'Energy', unit: 'kcal', decimals: 0 },
  { key: 'protein_g', label: 'Protein', unit: 'g', decimals: 1 },
  { key: 'fat_g', label: 'Fat', unit: 'g', decimals: 1 },
  { key: 'carbs_g', label: 'Carbohydrate', unit: 'g', decimals: 1 },
  { key: 'sugars_g', label: 'of which sugars', unit: 'g', decimals: 1 },
  { key: 'fiber_g', label: 'Fibre', unit: 'g', decimals: 1 },
  { key: 'sodium_mg', label: 'Sodium', unit: 'mg', decimals: 0 },
  { key: 'caffeine_mg', label: 'Caffeine', unit: 'mg', decimals: 0 },
  { key: 'water_g', label: 'Water', unit: 'g', decimals: 0 },
];

function amount(per100g: number | null, grams: number, decimals: number): string {
  // No value in the table is not zero, and says so.
  return per100g === null ? 'not in the table' : ((per100g * grams) / 100).toFixed(decimals);
}

/** One food's values, per 100 g and per the household portion chosen. */
function FoodValues({ food }: { readonly food: FoodAnswer }) {
  const [portion, setPortion] = useState(0);
  const chosen = food.portions[portion];
  const grams = chosen?.grams ?? 100;
  return (
    <section class="card food-values" aria-labelledby="food-values-heading" data-food={food.id}>
      <h2 id="food-values-heading">{food.name}</h2>
      <p class="muted">{food.category}</p>
      {food.portions.length > 0 && (
        <Field for="food-portion" label="Portion">
          <select id="food-portion" value={String(portion)} onChange={(event) => setPortion(Number(event.currentTarget.value))}>
            {food.portions.map((p, i) => (
              <option key={p.description} value={String(i)}>
                {p.description} ({p.grams} g)
              </option>
            ))}
          </select>
        </Field>
      )}
      <table class="food-table">
        <thead>
          <tr>
            <th scope="col">Nutrient</th>
            <th scope="col">Per 100 g</th>
            {chosen !== undefined && <th scope="col">Per portion ({grams} g)</th>}
          </tr>
        </thead>
        <tbody>
          {NUTRIENTS.map((n) => (
            <tr key={n.key} data-nutrient={n.key}>
              <th scope="row">{n.label}</th>
              <td>{food.per100g[n.key] === null ? 'not in the table' : `${amount(food.per100g[n.key], 100, n.decimals)} ${n.unit}`}</td>
              {chosen !== undefined && <td>{food.per100g[n.key] === null ? 'not in the table' : `${amount(food.per100g[n.key], grams, n.decimals)} ${n.unit}`}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">From the USDA’s food composition table (SR28): generic foods, not brands.</p>
    </section>
  );
}

/** The food composition table, searched as someone types: what is in a food, per 100 g and per portion. */
export function FoodPage() {
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<FoodAnswer | undefined>(undefined);
  const query = useRef('');
  const { value, failure, loading, reload } = useRequest(() => (query.current.trim() === '' ? Promise.resolve([] as FoodAnswer[]) : api.get<FoodAnswer[]>('/foods', { q: query.current, limit: String(SHOWN) })));

  useEffect(() => {
    document.title = 'Food — Hearth';
  }, []);
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
    <section class="page food-page">
      <h1>Food</h1>
      <p>What is in a food, from the food composition table the hub keeps: type the first letters of its words (“ban raw”, “chees ched”).</p>
      <Field for="food-search" label="Find a food">
        <input id="food-search" type="search" autocomplete="off" value={typed} onInput={(event) => setTyped(event.currentTarget.value)} />
      </Field>
      <StatusLine text={status} />
      <ul class="plain-list food-results" aria-label="Foods found">
        {results.map((food) => (
          <li key={food.id}>
            <button type="button" class={chosen?.id === food.id ? 'food-result chosen' : 'food-result'} aria-pressed={chosen?.id === food.id} onClick={() => setChosen(food)}>
              <span>{food.name}</span>
              <span class="muted">{food.per100g.kcal === null ? '' : ` ${Math.round(food.per100g.kcal)} kcal per 100 g`}</span>
            </button>
          </li>
        ))}
      </ul>
      {chosen !== undefined && <FoodValues key={chosen.id} food={chosen} />}
    </section>
  );
}
