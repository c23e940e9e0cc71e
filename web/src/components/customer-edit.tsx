'use client';
// The customer page's Details tab: the edit form (react-hook-form and zod), loaded when the tab is
// first opened rather than with the page. Sends only what changed (see toCustomerPatch): the masked
// date of birth is never written back.
import { CustomerForm } from './customer-form.tsx';
import { useUpdateCustomerMutation, type CustomerFullFragment } from '../generated/graphql.ts';
import { fromCustomer, toCustomerPatch } from '../lib/customer-form.ts';
import { dateOfBirthOnFile } from '../lib/format.ts';

export function CustomerEditPanel(props: {
  customer: CustomerFullFragment;
  /** Before the save (hide an earlier "Saved"). */
  onSaving: () => void;
  /** After the save: the caller reads the customer again. */
  onSaved: () => Promise<void>;
}) {
  const { customer } = props;
  const update = useUpdateCustomerMutation();
  return (
    <CustomerForm
      key={customer.version}
      defaultValues={fromCustomer(customer)}
      dateOfBirthOnFile={dateOfBirthOnFile(customer)}
      submitLabel="Save changes"
      onSubmit={async (values) => {
        props.onSaving();
        await update.mutateAsync({
          id: customer.id,
          version: customer.version,
          input: toCustomerPatch(values, customer),
        });
        await props.onSaved();
      }}
    />
  );
}
