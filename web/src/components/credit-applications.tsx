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

function Reveal({ applicationId, name }: { applicationId: string; name: string }) {
  const reveal = useRevealCreditApplicationPiiMutation();
  const pii = reveal.data?.revealCreditApplicationPii.applicant;
  if (pii)
    return (
      <div className="row">
        <span data-testid="pii-revealed">
          SSN {pii.ssn} · born {pii.dateOfBirth}
        </span>
        <Button type="button" onClick={() => reveal.reset()}>
          Hide
        </Button>
      </div>
    );
  return (
    <ConfirmReveal
      label="Reveal SSN and date of birth"
      what={`the full SSN and date of birth on ${name}'s credit application`}
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
  const [showSsn, setShowSsn] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const reload = () =>
    client.invalidateQueries({ queryKey: useCustomerCreditQuery.getKey({ id: customerId }) });
  const errors = fieldErrors(create.error);
  const err = (path: string) =>
    Object.entries(errors).find(([k]) => k === path || k.endsWith(`.${path}`))?.[1];
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create.mutateAsync({
      customerId,
      input: {
        applicant: {
          firstName: form.firstName,
          lastName: form.lastName,
          ssn: form.ssn,
          dateOfBirth: form.dateOfBirth,
          residences: [
            {
              address: { line1: form.line1, city: form.city, state: form.state, zip: form.zip },
              housingStatus: form.housingStatus,
              monthsAtAddress: Number(form.monthsAtAddress),
            },
          ],
          employments: [
            {
              employer: form.employer,
              status: form.employmentStatus,
              monthsEmployed: Number(form.monthsEmployed),
            },
          ],
          grossMonthlyIncome: form.grossMonthlyIncome,
          monthlyHousingPayment: form.monthlyHousingPayment,
        },
      },
    });
    setForm(EMPTY);
    await reload();
  };
  const box = (key: keyof typeof EMPTY, label: string, path: string, type = 'text') => (
    <Field id={`cr-${key}`} label={label} error={err(path)}>
      <input id={`cr-${key}`} type={type} value={form[key]} onChange={set(key)} />
    </Field>
  );
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
          <div>
            SSN <span className="mono">{a.applicant.ssn}</span> · born{' '}
            <span className="mono">{a.applicant.dateOfBirth}</span> · income{' '}
            {money(a.applicant.grossMonthlyIncome)}/mo · housing{' '}
            {money(a.applicant.monthlyHousingPayment)}/mo
          </div>
          <div>
            {a.applicant.employments
              .map((e) => `${e.employer} (${titleCase(e.status)}, ${e.monthsEmployed} mo)`)
              .join('; ')}
          </div>
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
          <div className="grid3">
            {box('firstName', 'First name', 'applicant.firstName')}
            {box('lastName', 'Last name', 'applicant.lastName')}
            <Field id="cr-ssn" label="SSN" error={err('applicant.ssn')}>
              <input
                id="cr-ssn"
                type={showSsn ? 'text' : 'password'}
                autoComplete="off"
                value={form.ssn}
                onChange={set('ssn')}
              />
            </Field>
            <label>
              <input
                type="checkbox"
                checked={showSsn}
                onChange={(e) => setShowSsn(e.target.checked)}
              />{' '}
              Show SSN while typing
            </label>
            {box('dateOfBirth', 'Date of birth', 'applicant.dateOfBirth', 'date')}
            {box('line1', 'Street', 'line1')}
            {box('city', 'City', 'city')}
            {box('state', 'State', 'state')}
            {box('zip', 'ZIP', 'zip')}
            {box('monthsAtAddress', 'Months at address', 'monthsAtAddress')}
            {box('employer', 'Employer', 'employer')}
            {box('monthsEmployed', 'Months employed', 'monthsEmployed')}
            {box('grossMonthlyIncome', 'Gross monthly income', 'grossMonthlyIncome')}
            {box('monthlyHousingPayment', 'Monthly housing payment', 'monthlyHousingPayment')}
          </div>
          <div style={{ height: 12 }} />
          <Button type="submit" variant="primary" busy={create.isPending}>
            Save credit application
          </Button>
        </form>
      ) : null}
    </>
  );
}
