'use client';
// What the learning engines say about one customer, on the customer page: their segment (WHACO,
// from their latest desked deal) and who should work their lead (the Oscillator network). Assigning
// is the customer's own field (updateCustomer), for those who may write customers.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import {
  useAssignSalespersonMutation,
  useCustomerInsightsQuery,
  useLeadSuggestionQuery,
} from '../generated/graphql.ts';
import { share } from '../lib/ml.ts';
import { Button, ErrorBanner } from './ui.tsx';

function Segment({ customerId }: { customerId: string }) {
  const query = useCustomerInsightsQuery({ id: customerId });
  if (query.error) return <ErrorBanner error={query.error} />;
  const segment = query.data?.customer?.segment;
  if (query.isPending) return null;
  if (!segment)
    return (
      <p className="muted" data-testid="customer-segment">
        No segment yet: segments come from desked deals once the dealership has enough of them.
      </p>
    );
  return (
    <p data-testid="customer-segment">
      Segment{' '}
      <span className={segment.outlier ? 'badge badge-warn' : 'badge'}>
        {segment.id ? `${segment.id} · ` : ''}
        {segment.name}
      </span>{' '}
      <span className="muted">
        {segment.outlier
          ? `fits no segment (how far out: ${share(segment.confidence)})`
          : `${share(segment.confidence)} confidence`}{' '}
        · from{' '}
        <Link href={`/deals/${segment.basedOnDeal.id}`}>
          Deal #{segment.basedOnDeal.dealNumber}
        </Link>
      </span>
    </p>
  );
}

function LeadSuggestion(props: { customerId: string; canAssign: boolean }) {
  const client = useQueryClient();
  const insights = useCustomerInsightsQuery({ id: props.customerId });
  const suggestion = useLeadSuggestionQuery({ customerId: props.customerId });
  const assign = useAssignSalespersonMutation();
  if (suggestion.error) return <ErrorBanner error={suggestion.error} />;
  const lead = suggestion.data?.assignLead;
  const customer = insights.data?.customer;
  if (!lead || !customer) return null;
  const assigned = customer.assignedSalesperson;
  const best = lead.salesperson;
  return (
    <div data-testid="lead-suggestion">
      <p>
        {assigned ? (
          <>
            Assigned to <strong data-testid="assigned-salesperson">{assigned.displayName}</strong>
            .{' '}
          </>
        ) : null}
        {best ? (
          <>
            Suggested salesperson: <strong>{best.displayName}</strong>{' '}
          </>
        ) : null}
        <span className="muted">{lead.explanation}</span>
        {lead.alternatives.length > 0
          ? ` Next best: ${lead.alternatives.map((a) => a.displayName).join(', ')}.`
          : ''}
      </p>
      {best && props.canAssign && assigned?.id !== best.id ? (
        <Button
          busy={assign.isPending}
          onClick={() =>
            void assign
              .mutateAsync({ id: customer.id, version: customer.version, salespersonId: best.id })
              .then(() => client.invalidateQueries())
          }
        >
          Assign to {best.displayName}
        </Button>
      ) : null}
      <ErrorBanner error={assign.error} />
    </div>
  );
}

export function CustomerInsights(props: { customerId: string; canAssign: boolean }) {
  return (
    <section className="card" aria-label="Insights">
      <h2>Insights</h2>
      <Segment customerId={props.customerId} />
      <LeadSuggestion customerId={props.customerId} canAssign={props.canAssign} />
    </section>
  );
}
