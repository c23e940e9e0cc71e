'use client';
// What every desk form shares (loaded with the editors): a labelled text box bound to react-hook-form
// with its error said at the field, and server input errors placed on the fields they name.
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { fieldErrors } from '../lib/errors.ts';
import { Field } from './ui.tsx';

// Money boxes get the decimal keypad on tablets and phones.
const MONEY =
  /price|amount|allowance|payoff|Value|cost|Fee|ccessories|iscount|recondition|Down|down/i;

/** The error message at a dotted path (`tradeIns.0.payoff`) of a form's errors. */
export function errorAt<V extends FieldValues>(form: UseFormReturn<V>, name: string) {
  let node: unknown = form.formState.errors;
  for (const part of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

export function FormInput<V extends FieldValues>(props: {
  form: UseFormReturn<V>;
  name: FieldPath<V>;
  label: string;
  /** Ids are `<prefix>-<name with dots as dashes>` (the e2e tests and error links use them). */
  prefix: string;
  width?: number;
  type?: 'date';
}) {
  const { form, name } = props;
  const id = `${props.prefix}-${name.replace(/\./g, '-')}`;
  const message = errorAt(form, name);
  return (
    <Field id={id} label={props.label} error={message}>
      <input
        id={id}
        type={props.type}
        inputMode={props.type ? undefined : MONEY.test(name) ? 'decimal' : undefined}
        aria-invalid={!!message}
        aria-describedby={message ? `${id}-error` : undefined}
        style={props.width ? { width: props.width } : undefined}
        {...form.register(name)}
      />
    </Field>
  );
}

/** Puts server input errors on the form's fields; true when at least one landed. */
export function placeErrors<V extends FieldValues>(
  error: unknown,
  map: (path: string) => string | undefined,
  form: UseFormReturn<V>,
): boolean {
  let placed = false;
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = map(path);
    if (!field) continue;
    form.setError(field as FieldPath<V>, { type: 'server', message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}
