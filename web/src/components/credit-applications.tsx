'use client';
// Credit applications on a customer: SSN and date of birth arrive masked; the full values are shown
// only on request by a user holding customers.pii.read, after a confirmation (each reveal is audited
// by the server). customers.write corrects an application (the form is loaded when first opened);
// each application lists its corrections (who, when, which fields; never values).
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState, type FormEvent } from 'react';
import {
  useCreateCreditApplicationMutation,
  useCustomerCreditQuery,
  useRevealCreditApplicationPiiMutation,
  type CreditApplicantInput,
  type CreditApplicantViewFragment,
  type CreditApplicationViewFragment,
  type EmploymentStatus,
  type HousingStatus,
} from '../generated/graphql.ts';
import { fieldErrors } from '../lib/errors.ts';
import { date, dateTime, describeChangedField, money, titleCase } from '../lib/format.ts';
import { hasPermission, useSession } from '../lib/session.ts';
import { ConfirmReveal } from './pii-reveal.tsx';
import { Button, Empty, ErrorBanner, Field, Loading } from './ui.tsx';

const CreditApplicationEdit = dynamic(
  () => import('./credit-application-edit.tsx').then((m) => m.CreditApplicationEdit),
  { ssr: false, loading: () => <Loading /> },
);

const EMPTY = {
  firstName: '',
  lastName: '',
  ssn: '',
  dateOfBirth: '',
  line1: '',
  city: '',
  state: '',
  zip: '',
  housingStatus: 'RENT' as HousingStatus,
  monthsAtAddress: '24',
  employer: '',
  employmentStatus: 'FULL_TIME' as EmploymentStatus,
  monthsEmployed: '24',
  grossMonthlyIncome: '',
  monthlyHousingPayment: '',
};
type ApplicantForm = typeof EMPTY;

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

function applicantInput(f: ApplicantForm): CreditApplicantInput {
  return {
    firstName: f.firstName,
    lastName: f.lastName,
    ssn: f.ssn,
    dateOfBirth: f.dateOfBirth,
    residences: [
      {
        address: { line1: f.line1, city: f.city, state: f.state, zip: f.zip },
        housingStatus: f.housingStatus,
        monthsAtAddress: Number(f.monthsAtAddress),
      },
    ],
    employments: [
      {
        employer: f.employer,
        status: f.employmentStatus,
        monthsEmployed: Number(f.monthsEmployed),
      },
    ],
    grossMonthlyIncome: f.grossMonthlyIncome,
    monthlyHousingPayment: f.monthlyHousingPayment,
  };
}

/**
 * One person's part of the new-application form. The co-applicant's fields are labelled
 * "Co-applicant …" and take the server's errors under `coApplicant.`.
 */
function ApplicantFields(props: {
  who: 'applicant' | 'coApplicant';
  form: ApplicantForm;
  onChange: (f: ApplicantForm) => void;
  errors: Record<string, string>;
}) {
  const [showSsn, setShowSsn] = useState(false);
  const co = props.who === 'coApplicant';
  const prefix = co ? 'cr-co' : 'cr';
  const label = (l: string) =>
    co ? `Co-applicant ${['SSN', 'ZIP'].includes(l) ? l : l.toLowerCase()}` : l;
  // A server path under this person: `applicant.residences.0.address.zip` for `zip`.
  const err = (path: string) =>
    Object.entries(props.errors).find(
      ([k]) =>
        k.startsWith(`${props.who}.`) && (k === `${props.who}.${path}` || k.endsWith(`.${path}`)),
    )?.[1];
  const set = (key: keyof ApplicantForm) => (e: { target: { value: string } }) =>
    props.onChange({ ...props.form, [key]: e.target.value });
  const box = (key: keyof ApplicantForm, l: string, path: string, type = 'text') => (
    <Field id={`${prefix}-${key}`} label={label(l)} error={err(path)}>
      <input id={`${prefix}-${key}`} type={type} value={props.form[key]} onChange={set(key)} />
    </Field>
  );
  const select = (
    key: 'housingStatus' | 'employmentStatus',
    l: string,
    path: string,
    options: string[],
  ) => (
    <Field id={`${prefix}-${key}`} label={label(l)} error={err(path)}>
      <select id={`${prefix}-${key}`} value={props.form[key]} onChange={set(key)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {titleCase(o)}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <div className="grid3">
      {box('firstName', 'First name', 'firstName')}
      {box('lastName', 'Last name', 'lastName')}
      <Field id={`${prefix}-ssn`} label={label('SSN')} error={err('ssn')}>
        <input
          id={`${prefix}-ssn`}
          type={showSsn ? 'text' : 'password'}
          autoComplete="off"
          value={props.form.ssn}
          onChange={set('ssn')}
        />
      </Field>
      <label>
        <input type="checkbox" checked={showSsn} onChange={(e) => setShowSsn(e.target.checked)} />{' '}
        Show SSN while typing
      </label>
      {box('dateOfBirth', 'Date of birth', 'dateOfBirth', 'date')}
      {box('line1', 'Street', 'line1')}
      {box('city', 'City', 'city')}
      {box('state', 'State', 'state')}
      {box('zip', 'ZIP', 'zip')}
      {select('housingStatus', 'Housing', 'housingStatus', HOUSING)}
      {box('monthsAtAddress', 'Months at address', 'monthsAtAddress')}
      {box('employer', 'Employer', 'employer')}
      {select('employmentStatus', 'Employment', 'status', EMPLOYMENT)}
      {box('monthsEmployed', 'Months employed', 'monthsEmployed')}
      {box('grossMonthlyIncome', 'Gross monthly income', 'grossMonthlyIncome')}
      {box('monthlyHousingPayment', 'Monthly housing payment', 'monthlyHousingPayment')}
    </div>
  );
}

/** One person's summary on an application: masked SSN and birth date, income, housing, employers. */
function ApplicantSummary({ a, role }: { a: CreditApplicantViewFragment; role?: string }) {
  return (
    <div data-testid={role ? 'credit-co-applicant' : undefined}>
      {role ? (
        <div>
          <strong>
            {role}: {a.firstName} {a.lastName}
          </strong>
        </div>
      ) : null}
      <div>
        SSN <span className="mono">{a.ssn}</span> · born{' '}
        <span className="mono">{a.dateOfBirth}</span> · income {money(a.grossMonthlyIncome)}/mo ·
        housing {money(a.monthlyHousingPayment)}/mo
        {a.residences[0] ? ` (${titleCase(a.residences[0].housingStatus)})` : ''}
      </div>
      <div>
        {a.employments
          .map((e) => `${e.employer} (${titleCase(e.status)}, ${e.monthsEmployed} mo)`)
          .join('; ')}
      </div>
    </div>
  );
}

function Reveal({ applicationId, name }: { applicationId: string; name: string }) {
  const reveal = useRevealCreditApplicationPiiMutation();
  const pii = reveal.data?.revealCreditApplicationPii.applicant;
  // The server reveals (and audits) the co-applicant's too: show what was revealed.
  const co = reveal.data?.revealCreditApplicationPii.coApplicant;
  if (pii)
    return (
      <div className="row">
        <span data-testid="pii-revealed">
          SSN {pii.ssn} · born {pii.dateOfBirth}
        </span>
        {co ? (
          <span data-testid="pii-revealed-co-applicant">
            Co-applicant: SSN {co.ssn} · born {co.dateOfBirth}
          </span>
        ) : null}
        <Button type="button" onClick={() => reveal.reset()}>
          Hide
        </Button>
      </div>
    );
  return (
    <ConfirmReveal
      label="Reveal SSN and date of birth"
      what={`the full SSNs and dates of birth on ${name}'s credit application (applicant and any co-applicant)`}
      busy={reveal.isPending}
      error={reveal.error}
      onConfirm={() => reveal.mutate({ applicationId })}
    />
  );
}

function Changes({ changes }: { changes: CreditApplicationViewFragment['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <>
      <div className="muted" style={{ marginTop: 8 }}>
        Corrections (which fields; never their values):
      </div>
      <ul className="timeline" aria-label="Corrections" data-testid="credit-changes">
        {changes.map((c) => (
          <li key={c.id}>
            <span className="badge">v{c.version}</span>{' '}
            {c.fields.map((f, i) => (
              <span key={f} title={f} data-field={f}>
                {i > 0 ? ', ' : ''}
                {describeChangedField(f)}
              </span>
            ))}{' '}
            <span className="muted">
              · {c.changedByUsername ?? 'someone'} · {dateTime(c.changedAt)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function CreditApplications({ customerId }: { customerId: string }) {
  const state = useSession();
  const client = useQueryClient();
  const query = useCustomerCreditQuery({ id: customerId });
  const create = useCreateCreditApplicationMutation();
  const [form, setForm] = useState(EMPTY);
  const [withCo, setWithCo] = useState(false);
  const [coForm, setCoForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const reload = () =>
    client.invalidateQueries({ queryKey: useCustomerCreditQuery.getKey({ id: customerId }) });
  const errors = fieldErrors(create.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create.mutateAsync({
      customerId,
      input: {
        applicant: applicantInput(form),
        ...(withCo ? { coApplicant: applicantInput(coForm) } : {}),
      },
    });
    setForm(EMPTY);
    setCoForm(EMPTY);
    setWithCo(false);
    await reload();
  };
  if (query.isPending) return <Loading />;
  const apps = query.data?.customer?.creditApplications ?? [];
  const canReveal = hasPermission(state, 'customers.pii.read');
  const canWrite = hasPermission(state, 'customers.write');
  return (
    <>
      <ErrorBanner error={query.error} />
      {apps.length === 0 ? <Empty>No credit application yet. Fill one in below.</Empty> : null}
      {apps.map((a) => (
        <div key={a.id} className="card" data-testid="credit-application">
          <strong>
            {a.applicant.firstName} {a.applicant.lastName}
          </strong>{' '}
          <span className="muted">· {date(a.createdAt)}</span>
          <ApplicantSummary a={a.applicant} />
          {a.coApplicant ? <ApplicantSummary a={a.coApplicant} role="Co-applicant" /> : null}
          <div className="row">
            {canReveal ? (
              // Keyed by version: a revealed value is dropped once the application is corrected.
              <Reveal
                key={a.version}
                applicationId={a.id}
                name={`${a.applicant.firstName} ${a.applicant.lastName}`}
              />
            ) : null}
            {canWrite && editing !== a.id ? (
              <Button type="button" onClick={() => setEditing(a.id)}>
                Edit
              </Button>
            ) : null}
          </div>
          {editing === a.id ? (
            <CreditApplicationEdit
              key={a.version}
              application={a}
              onDone={(saved) => {
                setEditing(null);
                if (saved) void reload();
              }}
              onReload={() => void reload()}
            />
          ) : null}
          <Changes changes={a.changes} />
        </div>
      ))}
      {canWrite ? (
        <form className="card" onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
          <h2>New credit application</h2>
          <ErrorBanner
            error={create.error && Object.keys(errors).length === 0 ? create.error : null}
          />
          <ApplicantFields who="applicant" form={form} onChange={setForm} errors={errors} />
          <label style={{ display: 'block', margin: '12px 0' }}>
            <input type="checkbox" checked={withCo} onChange={(e) => setWithCo(e.target.checked)} />{' '}
            Add a co-applicant
          </label>
          {withCo ? (
            <>
              <h3>Co-applicant</h3>
              <ApplicantFields
                who="coApplicant"
                form={coForm}
                onChange={setCoForm}
                errors={errors}
              />
            </>
          ) : null}
          <div style={{ height: 12 }} />
          <Button type="submit" variant="primary" busy={create.isPending}>
            Save credit application
          </Button>
        </form>
      ) : null}
    </>
  );
}
