import { useEffect, useState } from 'preact/hooks';
import type { FoodAnswer } from '../../../../hub/api/contract/foods.js';
import { Field } from '../../components/field.js';
import { PeopleLinks } from '../../components/people-links.js';
import type { PageProps } from '../dashboard-app.js';
import { foodJournalHref } from './food-paths.js';
import { FoodSearch } from './food-search.js';

const NUTRIENTS: readonly { readonly key: keyof FoodAnswer['per100g']; readonly label: string; readonly unit: string; readonly decimals: number }[] = [
  { key: 'kcal', label: 'Energy', unit: 'kcal', decimals: 0 },
  { key: 'protein_g', label: 'Protein', unit: 'g', decimals: 1 },
  { key: 'fat_g', label: 'Fat', unit: 'g', decimals: 1 },
  { key: 'carbs_g', label: 'Carbohydrate', unit: 'g', decimals: 1 },
  { key: 'sugars_g', label: 'of which sugars', unit: 'g', decimals: 1 },
  { key: 'fiber_g', label: 'Fibre', unit: 'g', decimals: 1 },
  { key: 'sodium_mg', label: 'Sodium', unit: 'mg', decimals: 0 },
  { key: 'caffeine_mg', label: 'Caffeine', unit: 'mg', decimals: 0 },
  { key: 'alcohol_g', label: 'Alcohol', unit: 'g', decimals: 1 },
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
      <h3 id="food-values-heading">{food.name}</h3>
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

/** Whose food and drink journal to open, and the food composition table to look things up in. */
export function FoodPage({ user }: PageProps) {
  // Journals name what people ate and take: the person's own and the owner's to open.
  const opens = {
    person: (personId: string) => user.role === 'owner' || (user.role === 'member' && user.personId === personId),
    none: 'Food and drink journals and medicines are each person’s own: they and the owner read them. A missed dose of an important medicine still reaches you as an alert.',
  };
  const [chosen, setChosen] = useState<FoodAnswer | undefined>(undefined);
  useEffect(() => {
    document.title = 'Food — Hearth';
  }, []);
  return (
    <PeopleLinks
      title="Food"
      intro="What each person ate and drank, written down as they go, with the day’s energy, drinks, caffeine and sodium."
      label={(name) => `${name}’s food and drink`}
      hrefOf={foodJournalHref}
      listClass="food-people"
      opens={opens}
    >
      <section class="food-page" aria-labelledby="food-lookup-heading">
        <h2 id="food-lookup-heading">What is in a food</h2>
        <p>From the food composition table the hub keeps: type the first letters of its words (“ban raw”, “chees ched”).</p>
        <FoodSearch chosenId={chosen?.id} onChoose={setChosen} />
        {chosen !== undefined && <FoodValues key={chosen.id} food={chosen} />}
      </section>
    </PeopleLinks>
  );
}
