'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  customerFieldOf,
  customerFormSchema,
  SOURCES,
  type CustomerFormValues,
} from '../lib/customer-form.ts';
import { fieldErrors } from '../lib/errors.ts';
import { titleCase } from '../lib/format.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

/** Create/edit form. Server input errors land on the field they name; the rest in the banner. */
export function CustomerForm(props: {
  defaultValues: CustomerFormValues;
  submitLabel: string;
  onSubmit: (values: CustomerFormValues) => Promise<void>;
}) {
  const [error, setError] = useState<unknown>(null);
  const form = useForm<CustomerFormValues>({
    resolver: zodResolver(customerFormSchema),
    defaultValues: props.defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await props.onSubmit(values);
    } catch (e) {
      let placed = false;
      for (const [path, message] of Object.entries(fieldErrors(e))) {
        const field = customerFieldOf(path);
        if (field) {
          form.setError(field, { type: 'server', message }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (!placed) setError(e);
    }
  });
  const input = (name: keyof CustomerFormValues, label: string, type = 'text') => (
    <Field id={`c-${name}`} label={label} error={errors[name]?.message}>
      <input id={`c-${name}`} type={type} aria-invalid={!!errors[name]} {...form.register(name)} />
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate className="card">
      <ErrorBanner error={error} />
      <div className="grid3">
        <Field id="c-kind" label="Kind">
          <select id="c-kind" {...form.register('kind')}>
            <option value="INDIVIDUAL">Individual</option>
            <option value="BUSINESS">Business</option>
          </select>
        </Field>
        {kind === 'BUSINESS' ? input('businessName', 'Business name') : null}
        {input('firstName', 'First name')}
        {input('lastName', 'Last name')}
        {input('email', 'Email', 'email')}
        {input('phone', 'Phone', 'tel')}
        {input('dateOfBirth', 'Date of birth', 'date')}
        <Field id="c-source" label="Source">
          <select id="c-source" {...form.register('source')}>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <h2>Address</h2>
      <div className="grid3">
        {input('line1', 'Street')}
        {input('city', 'City')}
        {input('state', 'State')}
        {input('zip', 'ZIP')}
      </div>
      <label style={{ display: 'block', margin: '12px 0' }}>
        <input type="checkbox" {...form.register('marketingConsent')} /> Agrees to marketing
      </label>
      <Button type="submit" variant="primary" busy={isSubmitting}>
        {props.submitLabel}
      </Button>
    </form>
  );
}
