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

/**
 * Create/edit form. Server input errors land on the field they name; the rest in the banner. When
 * editing, `dateOfBirthOnFile` is the masked date the API shows (or null): the date field starts
 * empty beside it, and typing a new date or ticking "remove" are the only ways to change it.
 */
export function CustomerForm(props: {
  defaultValues: CustomerFormValues;
  submitLabel: string;
  /** Editing: the masked date of birth on file (`1985-**-**`), null when none. */
  dateOfBirthOnFile?: string | null;
  onSubmit: (values: CustomerFormValues) => Promise<void>;
}) {
  const [error, setError] = useState<unknown>(null);
  const form = useForm<CustomerFormValues>({
    resolver: zodResolver(customerFormSchema),
    defaultValues: props.defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('kind');
  const clearDob = form.watch('clearDateOfBirth');
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
        {props.dateOfBirthOnFile === undefined ? (
          input('dateOfBirth', 'Date of birth', 'date')
        ) : (
          <Field id="c-dateOfBirth" label="Date of birth" error={errors.dateOfBirth?.message}>
            <input
              id="c-dateOfBirth"
              type="date"
              aria-invalid={!!errors.dateOfBirth}
              aria-describedby="c-dateOfBirth-on-file"
              readOnly={clearDob}
              {...form.register('dateOfBirth')}
            />
            <span className="muted" id="c-dateOfBirth-on-file" data-testid="dob-on-file">
              {props.dateOfBirthOnFile
                ? `On file: ${props.dateOfBirthOnFile}; leave empty to keep.`
                : 'None on file.'}
            </span>
            {props.dateOfBirthOnFile ? (
              <label>
                <input
                  type="checkbox"
                  {...form.register('clearDateOfBirth', {
                    onChange: (e: { target: { checked: boolean } }) => {
                      if (e.target.checked) form.setValue('dateOfBirth', '');
                    },
                  })}
                />{' '}
                Remove the stored birth date
              </label>
            ) : null}
          </Field>
        )}
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
