'use client';
import * as Tabs from '@radix-ui/react-tabs';
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { CreditApplications } from '../../../../components/credit-applications.tsx';
import { CustomerDeals } from '../../../../components/customer-deals.tsx';
import { CustomerInsights } from '../../../../components/customer-insights.tsx';
import { CustomerMerge } from '../../../../components/customer-merge.tsx';
import { ConfirmReveal } from '../../../../components/pii-reveal.tsx';
import { Button, Empty, ErrorBanner, Field, Loading } from '../../../../components/ui.tsx';
import {
  useAddCustomerNoteMutation,
  useCustomerQuery,
  useLogCustomerActivityMutation,
  useRevealCustomerDateOfBirthMutation,
  type ActivityKind,
} from '../../../../generated/graphql.ts';
import { displayPhone } from '../../../../lib/phone-display.ts';
import { dateOfBirthOnFile, dateTime, titleCase } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';

// The edit form brings react-hook-form and zod: loaded when the Details tab is first opened.
const CustomerEditPanel = dynamic(
  () => import('../../../../components/customer-edit.tsx').then((m) => m.CustomerEditPanel),
  { ssr: false, loading: () => <Loading /> },
);

const KINDS: ActivityKind[] = ['CALL', 'EMAIL', 'TEXT', 'VISIT', 'TEST_DRIVE', 'OTHER'];

/** The masked date of birth, and for customers.pii.read a confirmed, audited reveal of it. */
function DateOfBirth(props: {
  customerId: string;
  name: string;
  masked: string;
  canReveal: boolean;
}) {
  const reveal = useRevealCustomerDateOfBirthMutation();
  const full = reveal.data?.revealCustomerDateOfBirth.dateOfBirth;
  return (
    <div className="row" data-testid="customer-dob">
      <span>
        Date of birth{' '}
        <span className="mono" data-testid={full ? 'dob-revealed' : undefined}>
          {full ?? props.masked}
        </span>
      </span>
      {full ? (
        <Button type="button" onClick={() => reveal.reset()}>
          Hide
        </Button>
      ) : props.canReveal ? (
        <ConfirmReveal
          label="Reveal date of birth"
          what={`the full date of birth of ${props.name}`}
          busy={reveal.isPending}
          error={reveal.error}
          onConfirm={() => reveal.mutate({ customerId: props.customerId })}
        />
      ) : null}
    </div>
  );
}

export default function CustomerPage() {
  const { id } = useParams<{ id: string }>();
  const state = useSession();
  const client = useQueryClient();
  const query = useCustomerQuery({ id });
  usePageTitle(query.data?.customer?.displayName);
  const addNote = useAddCustomerNoteMutation();
  const logActivity = useLogCustomerActivityMutation();
  const [note, setNote] = useState('');
  const [activity, setActivity] = useState<{ kind: ActivityKind; summary: string }>({
    kind: 'CALL',
    summary: '',
  });
  const [saved, setSaved] = useState(false);
  const [mergedName, setMergedName] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: useCustomerQuery.getKey({ id }) });
  const canWrite = hasPermission(state, 'customers.write');
  // An id merged into another customer (a deal's buyer link, an old bookmark) opens the survivor.
  const router = useRouter();
  const survivorId = query.data?.customer?.id;
  const merged = survivorId !== undefined && survivorId !== id;
  useEffect(() => {
    if (merged) router.replace(`/customers/${survivorId}`);
  }, [merged, survivorId, router]);

  if (query.isPending || merged) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const customer = query.data?.customer;
  if (!customer)
    return <Empty>This customer does not exist (or belongs to another dealership).</Empty>;

  const timeline = [
    ...customer.notes.map((n) => ({ id: n.id, at: n.createdAt, kind: 'NOTE', text: n.body })),
    ...customer.activities.map((a) => ({
      id: a.id,
      at: a.occurredAt,
      kind: a.kind as string,
      text: a.summary,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const dobOnFile = dateOfBirthOnFile(customer);

  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>{customer.displayName}</h1>
        {hasPermission(state, 'deals.write') ? (
          <Link className="btn btn-primary" href={`/deals/new?buyerId=${customer.id}`}>
            Start a deal
          </Link>
        ) : null}
      </div>
      {customer.phones.length + customer.emails.length > 0 ? (
        // Every phone and email on file (a merge can add more than the form's first ones).
        <p className="muted" data-testid="customer-contacts">
          {[
            ...customer.phones.map((p) => `${displayPhone(p.number)} (${titleCase(p.kind)})`),
            ...customer.emails,
          ].join(' · ')}
        </p>
      ) : null}
      {mergedName ? (
        <div className="banner-ok">{mergedName} was merged into this customer.</div>
      ) : null}
      {dobOnFile ? (
        // Keyed by version: a revealed date is dropped when the record changes (and on navigation).
        <DateOfBirth
          key={`${customer.id}:${customer.version}`}
          customerId={customer.id}
          name={customer.displayName}
          masked={dobOnFile}
          canReveal={hasPermission(state, 'customers.pii.read')}
        />
      ) : null}
      {hasPermission(state, 'ml.read') ? (
        <CustomerInsights customerId={customer.id} canAssign={canWrite} />
      ) : null}
      {hasPermission(state, 'deals.read') ? <CustomerDeals customerId={customer.id} /> : null}
      <Tabs.Root defaultValue="timeline" className="tabs">
        <Tabs.List aria-label="Customer">
          <Tabs.Trigger value="timeline">Timeline</Tabs.Trigger>
          <Tabs.Trigger value="details">Details</Tabs.Trigger>
          <Tabs.Trigger value="credit">Credit</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="timeline">
          {canWrite ? (
            <div className="card">
              <div className="row">
                <Field id="note" label="Add a note">
                  <input id="note" value={note} onChange={(e) => setNote(e.target.value)} />
                </Field>
                <Button
                  busy={addNote.isPending}
                  disabled={!note.trim()}
                  onClick={() =>
                    void addNote
                      .mutateAsync({ customerId: id, body: note.trim() })
                      .then(() => (setNote(''), refresh()))
                  }
                >
                  Add note
                </Button>
              </div>
              <ErrorBanner error={addNote.error} />
              <div className="row" style={{ marginTop: 12 }}>
                <Field id="activity-kind" label="Log a contact">
                  <select
                    id="activity-kind"
                    value={activity.kind}
                    onChange={(e) =>
                      setActivity((a) => ({ ...a, kind: e.target.value as ActivityKind }))
                    }
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {titleCase(k)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field id="activity-summary" label="What happened">
                  <input
                    id="activity-summary"
                    value={activity.summary}
                    onChange={(e) => setActivity((a) => ({ ...a, summary: e.target.value }))}
                  />
                </Field>
                <Button
                  busy={logActivity.isPending}
                  disabled={!activity.summary.trim()}
                  onClick={() =>
                    void logActivity
                      .mutateAsync({
                        customerId: id,
                        input: { kind: activity.kind, summary: activity.summary.trim() },
                      })
                      .then(() => (setActivity((a) => ({ ...a, summary: '' })), refresh()))
                  }
                >
                  Log
                </Button>
              </div>
              <ErrorBanner error={logActivity.error} />
            </div>
          ) : null}
          {timeline.length === 0 ? (
            <Empty>Nothing on the timeline yet. Log a call or add a note.</Empty>
          ) : (
            <ul className="timeline card" aria-label="Timeline">
              {timeline.map((t) => (
                <li key={t.id}>
                  <span className="badge">{titleCase(t.kind)}</span> {t.text}{' '}
                  <span className="muted">· {dateTime(t.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </Tabs.Content>
        <Tabs.Content value="credit">
          <CreditApplications customerId={id} />
        </Tabs.Content>
        <Tabs.Content value="details">
          {saved ? <div className="banner-ok">Saved.</div> : null}
          <CustomerEditPanel
            customer={customer}
            onSaving={() => setSaved(false)}
            onSaved={async () => {
              await refresh();
              setSaved(true);
            }}
          />
          {canWrite ? (
            <CustomerMerge
              customerId={customer.id}
              version={customer.version}
              displayName={customer.displayName}
              // Its timeline, credit applications and contact details changed: reload them all.
              onMerged={(name) => {
                setMergedName(name);
                void client.invalidateQueries();
              }}
            />
          ) : null}
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
