import { Field } from '../../components/field.js';

interface TemplateSelectProps<Id extends string> {
  readonly id: string;
  readonly label: string;
  readonly templates: readonly { readonly id: Id; readonly label: string }[];
  readonly chosen: Id;
  readonly onChoose: (id: Id) => void;
}

/** The choice of a goal's or a challenge's template, by its label. */
export function TemplateSelect<Id extends string>({ id, label, templates, chosen, onChoose }: TemplateSelectProps<Id>) {
  return (
    <Field for={id} label={label}>
      <select id={id} name="template" value={chosen} onChange={(event) => onChoose(event.currentTarget.value as Id)}>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
