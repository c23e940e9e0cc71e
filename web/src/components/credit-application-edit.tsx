'use client';
// Correcting a credit application (loaded on demand from credit-applications.tsx). Prefilled with
// what the application shows; SSN and date of birth start empty beside their masks (typed = replaced,
// untouched = kept). Saves only the changed fields through updateCreditApplication; server input
// errors land on the field they name, a CONFLICT (someone corrected it meanwhile) offers a reload.
import { useState, type FormEvent } from 'react';
import {
  useUpdateCreditApplicationMutation,
  type CreditApplicationViewFragment,
  type EmploymentStatus,
  type HousingStatus,
} from '../generated/graphql.ts';
import {
  checkCreditForm,
  creditFieldOf,
  fromCreditApplicant,
  toCreditApplicationPatch,
  type CreditFormField,
  type CreditFormValues,
} from '../lib/credit-form.ts';
import { isConflict } from '../lib/deal-status.ts';
import { fieldErrors } from '../lib/errors.ts';
import { titleCase } from '../lib/format.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

const HOUSING: HousingStatus[] = ['RENT', 'OWN', 'FAMILY', 'MILITARY', 'OTHER'];
const EMPLOYMENT: EmploymentStatus[] = [
  'FULL_TIME',
  'PART_TIME',
  'SELF_EMPLOYED',
  'MILITARY',
  'RETIRED',
  'STUDENT',
  'UNEMPLOYED',
  'OTHER',
];

export function CreditApplicationEdit(props: {
  application: CreditApplicationViewFragment;
  /** Saved (the caller reads the application again) or cancelled. */
  onDone: (saved: boolean) => void;
  /** Read the application again after a CONFLICT (the caller re-opens the form on the new version). */
  onReload: () => void;
}) {
  const app = props.application;
  const update = useUpdateCreditApplicationMutation();
  const [values, setValues] = useState<CreditFormValues>(() => fromCreditApplicant(app.applicant));
  const [local, setLocal] = useState<Partial<Record<CreditFormField, string>>>({});
  const [nothing, setNothing] = useState(false);

  const server: Partial<Record<CreditFormField, string>> = {};
  for (const [path, message] of Object.entries(fieldErrors(update.error))) {
    const field = creditFieldOf(path);
    if (field && !server[field]) server[field] = message;
  }
  const placed = Object.keys(server).length > 0;
  const errorOf = (k: CreditFormField) => local[k] ?? server[k];

  const set = (k: CreditFormField) => (e: { target: { value: string } }) => {
    setNothing(false);
    setValues((v) => ({ ...v, [k]: e.target.value }));
  };
  const id = (k: string) => `ce-${app.id}-${k}`;
  const box = (k: CreditFormField, label: string, type = 'text', hint?: string) => (
    <Field id={id(k)} label={label} error={errorOf(k)}>
      <input
        id={id(k)}
        type={type}
        autoComplete="off"
        aria-invalid={!!errorOf(k)}
        aria-describedby={hint ? id(`${k}-on-file`) : undefined}
        value={values[k]}
        onChange={set(k)}
      />
      {hint ? (
        <span className="muted" id={id(`${k}-on-file`)}>
          On file: <span className="mono">{hint}</span>; leave empty to keep.
        </span>
      ) : null}
    </Field>
  );
  const select = <T extends string>(k: CreditFormField, label: string, options: T[]) => (
    <Field id={id(k)} label={label} error={errorOf(k)}>
      <select id={id(k)} value={values[k]} onChange={set(k)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {titleCase(o)}
          </option>
        ))}
      </select>
    </Field>
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = checkCreditForm(values);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const input = toCreditApplicationPatch(values, app.applicant);
    if (!input.applicant) return setNothing(true);
    await update.mutateAsync({ id: app.id, version: app.version, input });
    props.onDone(true);
  };

  return (
    <form
      className="card"
      aria-label="Correct credit application"
      onSubmit={(e) => void submit(e).catch(() => undefined)}
      noValidate
    >
      <h2>Correct credit application</h2>
      {isConflict(update.error) ? (
        <div className="banner-error row" role="alert" data-testid="credit-conflict">
          Someone else corrected this application — reload to see their changes.
          <Button type="button" onClick={props.onReload}>
            Reload
          </Button>
        </div>
      ) : (
        <ErrorBanner error={update.error && !placed ? update.error : null} />
      )}
      {nothing ? <div className="empty">Nothing changed.</div> : null}
      <div className="grid3">
        {box('firstName', 'First name')}
        {box('lastName', 'Last name')}
        {box('ssn', 'New SSN', 'password', app.applicant.ssn)}
        {box('dateOfBirth', 'New date of birth', 'date', app.applicant.dateOfBirth)}
        {box('line1', 'Street')}
        {box('city', 'City')}
        {box('state', 'State')}
        {box('zip', 'ZIP')}
        {select('housingStatus', 'Housing', HOUSING)}
        {box('monthsAtAddress', 'Months at address')}
        {box('employer', 'Employer')}
        {select('employmentStatus', 'Employment', EMPLOYMENT)}
        {box('monthsEmployed', 'Months employed')}
        {box('grossMonthlyIncome', 'Gross monthly income')}
        {box('monthlyHousingPayment', 'Monthly housing payment')}
      </div>
      <div style={{ height: 12 }} />
      <div className="row">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save correction
        </Button>
        <Button type="button" onClick={() => props.onDone(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
