'use client';
// Merging a duplicate record into the customer on screen (customers.write): find the duplicate by
// name, phone or email, confirm, and the server moves its notes, activities, credit applications and
// leads here, adds its missing emails/phones/addresses and removes it; deals that name it open this
// customer from then on.
import { useState } from 'react';
import { useCustomersQuery, useMergeCustomersMutation } from '../generated/graphql.ts';
import { displayPhone } from '../lib/phone-display.ts';
import { Button, ErrorBanner, Field, Modal } from './ui.tsx';

export function CustomerMerge(props: {
  customerId: string;
  version: number;
  displayName: string;
  /** Called with the merged-away customer's name. */
  onMerged: (name: string) => void;
}) {
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const [picked, setPicked] = useState<{ id: string; displayName: string } | null>(null);
  const found = useCustomersQuery({ first: 10, search: asked }, { enabled: asked.length >= 2 });
  const merge = useMergeCustomersMutation();
  const candidates = (found.data?.customers.edges ?? [])
    .map((e) => e.node)
    .filter((c) => c.id !== props.customerId);
  return (
    <div className="card" data-testid="customer-merge">
      <h2>Merge a duplicate into {props.displayName}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(search.trim());
        }}
      >
        {/* Not "name/phone/email" in the label: it would share a label word with the form's fields. */}
        <Field id="merge-search" label="Search for the duplicate">
          <input
            id="merge-search"
            placeholder="name, phone or e-mail"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Field>
        <Button type="submit" disabled={search.trim().length < 2} busy={found.isFetching}>
          Find
        </Button>
      </form>
      <ErrorBanner error={found.error} />
      {asked && found.data && candidates.length === 0 ? (
        <p className="muted">No other customer matches “{asked}”.</p>
      ) : null}
      {candidates.length > 0 ? (
        <table aria-label="Possible duplicates">
          <tbody>
            {candidates.map((c) => (
              <tr key={c.id}>
                <td>{c.displayName}</td>
                <td>{c.emails.join(', ')}</td>
                <td>{c.phones.map((p) => displayPhone(p.number)).join(', ')}</td>
                <td>
                  <Button type="button" onClick={() => setPicked(c)}>
                    Merge into this customer
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorBanner error={merge.error} />
      <Modal
        open={picked !== null}
        onOpenChange={(open) => (open ? undefined : setPicked(null))}
        title="Merge these customers?"
      >
        <p>
          {picked?.displayName} is merged into {props.displayName}: notes, activities, credit
          applications and leads move here, missing emails, phones and addresses are added, and the
          other record is removed. This cannot be undone.
        </p>
        <div className="row">
          <Button
            variant="danger"
            autoFocus
            busy={merge.isPending}
            onClick={() => {
              const { id: duplicateId, displayName } = picked!;
              setPicked(null);
              merge.mutate(
                {
                  survivorId: props.customerId,
                  survivorVersion: props.version,
                  duplicateId,
                },
                {
                  onSuccess: () => {
                    setSearch('');
                    setAsked('');
                    props.onMerged(displayName);
                  },
                },
              );
            }}
          >
            Merge
          </Button>
          <Button onClick={() => setPicked(null)}>Cancel</Button>
        </div>
      </Modal>
    </div>
  );
}
