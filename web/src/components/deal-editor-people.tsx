'use client';
// The deal editor's people: salesperson and sales manager, chosen from the dealership's active users
// who may take the part (deals.write / deals.approve), read from the graph (auth's colleagues).
import { useColleaguesQuery } from '../generated/graphql.ts';
import type { DealForm } from './deal-editor-sections.tsx';
import { errorAt } from './form-fields.tsx';
import { Field } from './ui.tsx';

function PersonSelect(props: {
  form: DealForm;
  name: 'salespersonId' | 'salesManagerId';
  label: string;
  permission: string;
  /** Who the deal names now, kept as an option even if no longer active (so nothing changes by itself). */
  current: { id: string; displayName: string } | null | undefined;
  blank?: string;
}) {
  const people = useColleaguesQuery({ permission: props.permission });
  const options = [...(people.data?.colleagues ?? [])];
  if (props.current && !options.some((u) => u.id === props.current!.id))
    options.unshift(props.current);
  const id = `d-${props.name}`;
  const message = errorAt(props.form, props.name);
  return (
    <Field id={id} label={props.label} error={message}>
      <select
        id={id}
        aria-invalid={!!message}
        aria-describedby={message ? `${id}-error` : undefined}
        {...props.form.register(props.name)}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {options.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function PeopleSection(props: {
  form: DealForm;
  salesperson: { id: string; displayName: string } | null | undefined;
  salesManager: { id: string; displayName: string } | null | undefined;
}) {
  return (
    <>
      <h3>People</h3>
      <div className="grid3">
        <PersonSelect
          form={props.form}
          name="salespersonId"
          label="Salesperson"
          permission="deals.write"
          current={props.salesperson}
        />
        <PersonSelect
          form={props.form}
          name="salesManagerId"
          label="Sales manager"
          permission="deals.approve"
          current={props.salesManager}
          blank="No sales manager"
        />
      </div>
    </>
  );
}
