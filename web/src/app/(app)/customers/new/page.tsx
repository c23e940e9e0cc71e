'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CustomerForm } from '../../../../components/customer-form.tsx';
import { Button, Modal } from '../../../../components/ui.tsx';
import {
  useCreateCustomerMutation,
  useCustomersQuery,
  type CustomerRowFragment,
} from '../../../../generated/graphql.ts';
import {
  displayPhone,
  EMPTY_CUSTOMER,
  toCustomerInput,
  type CustomerFormValues,
} from '../../../../lib/customer-form.ts';

export default function NewCustomerPage() {
  const router = useRouter();
  const client = useQueryClient();
  const create = useCreateCustomerMutation();
  const [pending, setPending] = useState<{
    values: CustomerFormValues;
    duplicates: CustomerRowFragment[];
  } | null>(null);

  async function save(values: CustomerFormValues, confirmNotDuplicate = false) {
    const result = await create.mutateAsync({
      input: toCustomerInput(values),
      confirmNotDuplicate,
    });
    const created = result.createCustomer.customer;
    if (!created) return setPending({ values, duplicates: result.createCustomer.duplicates });
    await client.invalidateQueries({ queryKey: useCustomersQuery.getKey() });
    router.push(`/customers/${created.id}`);
  }

  return (
    <>
      <h1>New customer</h1>
      <CustomerForm defaultValues={EMPTY_CUSTOMER} submitLabel="Create customer" onSubmit={save} />
      <Modal
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title="This may be someone you already have"
      >
        <ul>
          {pending?.duplicates.map((d) => (
            <li key={d.id}>
              <Link href={`/customers/${d.id}`}>{d.displayName}</Link>{' '}
              <span className="muted">
                {d.emails[0] ?? (d.phones[0] ? displayPhone(d.phones[0].number) : '')}
              </span>
            </li>
          ))}
        </ul>
        <div className="row">
          <Button
            variant="primary"
            busy={create.isPending}
            onClick={() => pending && void save(pending.values, true).catch(() => setPending(null))}
          >
            Create anyway
          </Button>
          <Button onClick={() => setPending(null)}>Cancel</Button>
        </div>
      </Modal>
    </>
  );
}
