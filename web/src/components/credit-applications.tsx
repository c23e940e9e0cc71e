'use client';
// Credit applications on a customer: SSN and date of birth arrive masked; the full values are shown
// only on request by a user holding customers.pii.read (each reveal is audited by the server).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  useCreateCreditApplicationMutation,
  useCustomerCreditQuery,
  useRevealCreditApplicationPiiMutation,
  type EmploymentStatus,
  type HousingStatus,
} from '../generated/graphql.ts';
import { fieldErrors } from '../lib/errors.ts';
import { date, money, titleCase } from '../lib/format.ts';
import { hasPermission, useSession } from '../lib/session.ts';
import { Button, Empty, ErrorBanner, Field, Loading } from './ui.tsx';

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

function Reveal({ applicationId }: { applicationId: string }) {
  const reveal = useRevealCreditApplicationPiiMutation();
  const pii = reveal.data?.revealCreditApplicationPii.applicant;
  if (pii)
    return (
      <span data-testid="pii-revealed">
        SSN {pii.ssn} · born {pii.dateOfBirth}
      </span>
    );
  return (
    <>
      <Button busy={reveal.isPending} onClick={() => reveal.mutate({ applicationId })}>
        Reveal SSN and date of birth
      </Button>
      <ErrorBanner error={reveal.error} />
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
    await client.invalidateQueries({ queryKey: useCustomerCreditQuery.getKey({ id: customerId }) });
  };
  const box = (key: keyof typeof EMPTY, label: string, path: string, type = 'text') => (
    <Field id={`cr-${key}`} label={label} error={err(path)}>
      <input id={`cr-${key}`} type={type} value={form[key]} onChange={set(key)} />
    </Field>
  );
  if (query.isPending) return <Loading />;
  const apps = query.data?.customer?.creditApplications ?? [];
  const canReveal = hasPermission(state, 'customers.pii.read');
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
          {canReveal ? <Reveal applicationId={a.id} /> : null}
        </div>
      ))}
      {hasPermission(state, 'customers.write') ? (
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
