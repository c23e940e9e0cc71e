'use client';
import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import {
  DealGross,
  Events,
  PriceStructure,
  ScenarioCard,
  TaxLines,
} from '../../../../components/deal-parts.tsx';
import { AddScenario } from '../../../../components/add-scenario.tsx';
import { EditError, useResubmitGuard } from '../../../../components/deal-guard.tsx';
import { PaymentGrid } from '../../../../components/payment-grid.tsx';
import { Button, Empty, ErrorBanner, Field, Loading, Modal } from '../../../../components/ui.tsx';
import {
  useApproveDealMutation,
  useCancelDealMutation,
  useContractDealMutation,
  useDealQuery,
  useDeliverDealMutation,
  useRejectDealMutation,
  useReopenDealMutation,
  useSendDealToFinanceMutation,
  useSubmitDealMutation,
  useUnwindDealMutation,
  type DealDeskFragment,
} from '../../../../generated/graphql.ts';
import { canEditDeal } from '../../../../lib/deal-status.ts';
import { TRANSITIONS } from '../../../../lib/desk.ts';
import { useDealWrite } from '../../../../lib/use-deal-write.ts';
import { titleCase } from '../../../../lib/format.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

// The editors bring react-hook-form and zod: loaded when first opened, not with the desk.
const DealEditPanel = dynamic(
  () => import('../../../../components/deal-editor.tsx').then((m) => m.DealEditPanel),
  { ssr: false, loading: () => <Loading /> },
);
const LeaseGrid = dynamic(
  () => import('../../../../components/lease-grid.tsx').then((m) => m.LeaseGrid),
  { ssr: false, loading: () => <Loading /> },
);
const ScenarioEditor = dynamic(
  () => import('../../../../components/deal-editor.tsx').then((m) => m.ScenarioEditor),
  { ssr: false, loading: () => <Loading /> },
);

function useTransitions(deal: DealDeskFragment) {
  const client = useQueryClient();
  const onSuccess = () =>
    client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) });
  const base = { id: deal.id, version: deal.version };
  const m = {
    SUBMITTED: useSubmitDealMutation({ onSuccess }),
    APPROVED: useApproveDealMutation({ onSuccess }),
    REJECTED: useRejectDealMutation({ onSuccess }),
    DRAFT: useReopenDealMutation({ onSuccess }),
    IN_FINANCE: useSendDealToFinanceMutation({ onSuccess }),
    CONTRACTED: useContractDealMutation({ onSuccess }),
    DELIVERED: useDeliverDealMutation({ onSuccess }),
    CANCELLED: useCancelDealMutation({ onSuccess }),
    UNWOUND: useUnwindDealMutation({ onSuccess }),
  };
  const run = (to: string, reason?: string): Promise<unknown> => {
    switch (to) {
      case 'REJECTED':
        return m.REJECTED.mutateAsync({ ...base, reason: reason ?? '' });
      case 'CANCELLED':
        return m.CANCELLED.mutateAsync({ ...base, reason: reason ?? '' });
      case 'UNWOUND':
        return m.UNWOUND.mutateAsync({ ...base, reason: reason ?? '' });
      case 'APPROVED':
        return m.APPROVED.mutateAsync(base);
      case 'SUBMITTED':
        return m.SUBMITTED.mutateAsync(base);
      case 'DRAFT':
        return m.DRAFT.mutateAsync(base);
      case 'IN_FINANCE':
        return m.IN_FINANCE.mutateAsync(base);
      case 'CONTRACTED':
        return m.CONTRACTED.mutateAsync(base);
      case 'DELIVERED':
        return m.DELIVERED.mutateAsync(base);
      default:
        return Promise.reject(new Error(`Unknown transition ${to}`));
    }
  };
  const busy = Object.values(m).some((x) => x.isPending);
  const error = Object.values(m).find((x) => x.error)?.error ?? null;
  return { run, busy, error };
}

function Desk({ deal }: { deal: DealDeskFragment }) {
  const state = useSession();
  const transitions = useTransitions(deal);
  const write = useDealWrite(deal);
  const guard = useResubmitGuard(deal.status);
  const [editing, setEditing] = useState(false);
  const [termsOf, setTermsOf] = useState<string | null>(null);
  // Edits exist only while the status allows them and the user may write deals.
  const canEdit = state.status === 'signedIn' && canEditDeal(state.user.permissions, deal.status);
  const canSeeGross = hasPermission(state, 'deals.gross.read');
  const scenarioBusy =
    write.selectScenario.isPending ||
    write.removeScenario.isPending ||
    write.updateScenario.isPending;
  const scenarioError = write.selectScenario.error ?? write.removeScenario.error;
  const editedScenario = deal.scenarios.find((s) => s.id === termsOf);
  const scenarioArgs = (scenarioId: string) => ({
    dealId: deal.id,
    version: deal.version,
    scenarioId,
  });
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // Buttons exist only for moves the deal allows from here and the user may make.
  // The deal's own salesperson never approves it (the server refuses), even a manager desking it.
  const ownDeal = state.status === 'signedIn' && deal.salesperson?.id === state.user.id;
  const allowed = deal.allowedTransitions.filter((to) => {
    const t = TRANSITIONS[to];
    return t && hasPermission(state, t.permission) && !(to === 'APPROVED' && ownDeal);
  });
  const approvesElsewhere =
    ownDeal &&
    deal.allowedTransitions.includes('APPROVED') &&
    hasPermission(state, 'deals.approve');
  const selected = deal.scenarios.find((s) => s.selected) ?? deal.scenarios[0];
  // The moment the desk can be used, for the time-to-interactive budget (Performance API).
  useEffect(() => void performance.mark('autolytiq:desk-ready'), []);
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>
          <span data-testid="deal-number">Deal #{deal.dealNumber}</span> ·{' '}
          {deal.buyer?.displayName ? (
            <>
              <Link href={`/customers/${deal.buyer.id}`}>{deal.buyer.displayName}</Link> ·{' '}
            </>
          ) : null}
          {deal.vehicle ? `${deal.vehicle.year} ${deal.vehicle.make} ${deal.vehicle.model}` : ''}{' '}
          <span className="badge" data-testid="deal-status">
            {titleCase(deal.status)}
          </span>
        </h1>
        <div className="row no-print" aria-label="Deal actions">
          {allowed.map((to) => (
            <Button
              key={to}
              variant={
                to === 'CANCELLED' || to === 'REJECTED' || to === 'UNWOUND' ? 'danger' : 'primary'
              }
              busy={transitions.busy}
              onClick={() =>
                TRANSITIONS[to]!.reason
                  ? setReasonFor(to)
                  : void transitions.run(to).catch(() => undefined)
              }
            >
              {TRANSITIONS[to]!.label}
            </Button>
          ))}
          <Link className="btn" href={`/deals/${deal.id}/recap`}>
            Printable recap
          </Link>
        </div>
      </div>
      <ErrorBanner error={transitions.error} />
      {approvesElsewhere ? (
        <p className="muted" data-testid="own-deal-approval">
          You are this deal&apos;s salesperson: another manager approves it.
        </p>
      ) : null}
      {deal.rejectionReason && deal.status === 'REJECTED' ? (
        <div className="banner-warn">Rejected: {deal.rejectionReason}</div>
      ) : null}
      {deal.cancellationReason && (deal.status === 'CANCELLED' || deal.status === 'UNWOUND') ? (
        <div className="banner-warn" data-testid="cancellation-reason">
          {deal.status === 'UNWOUND' ? 'Unwound' : 'Cancelled'}: {deal.cancellationReason}
        </div>
      ) : null}
      {editing && canEdit ? (
        <DealEditPanel
          deal={deal}
          canSeeGross={canSeeGross}
          write={write}
          onClose={() => setEditing(false)}
        />
      ) : null}
      <div className="grid2">
        <section className="card">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2>Price structure</h2>
            {canEdit && !editing ? (
              <Button className="btn no-print" onClick={() => setEditing(true)}>
                Edit deal
              </Button>
            ) : null}
          </div>
          <PriceStructure deal={deal} />
          <p className="muted" data-testid="deal-parties">
            {deal.coBuyer ? (
              <>
                Co-buyer{' '}
                <Link href={`/customers/${deal.coBuyer.id}`}>{deal.coBuyer.displayName}</Link>{' '}
                ·{' '}
              </>
            ) : null}
            Tax for {deal.buyerState} {deal.buyerZip ?? ''} · deal date {deal.dealDate} · stock{' '}
            {deal.vehicle ? (
              <Link href={`/inventory/${deal.vehicle.id}`}>{deal.vehicle.stockNumber}</Link>
            ) : null}
          </p>
        </section>
        <section className="card">
          <h2>History</h2>
          <Events deal={deal} />
        </section>
      </div>
      {canSeeGross ? <DealGross deal={deal} /> : null}
      <h2>Scenarios</h2>
      <EditError error={scenarioError} onReload={() => void write.reload()} />
      <div className="scenarios">
        {deal.scenarios.map((s) => {
          const label = s.name ?? titleCase(s.kind);
          return (
            <ScenarioCard key={s.id} s={s}>
              {canEdit ? (
                <div className="row no-print" aria-label={`${label} actions`}>
                  {!s.selected ? (
                    <Button
                      busy={scenarioBusy}
                      aria-label={`Select ${label}`}
                      onClick={() =>
                        guard.run(
                          () =>
                            void write.selectScenario
                              .mutateAsync(scenarioArgs(s.id))
                              .catch(() => undefined),
                        )
                      }
                    >
                      Select
                    </Button>
                  ) : null}
                  {s.kind !== 'CASH' ? (
                    <Button
                      aria-label={`Edit terms of ${label}`}
                      onClick={() => (write.updateScenario.reset(), setTermsOf(s.id))}
                    >
                      Edit terms
                    </Button>
                  ) : null}
                  <Button
                    variant="danger"
                    busy={scenarioBusy}
                    aria-label={`Remove ${label}`}
                    onClick={() =>
                      guard.run(
                        () =>
                          void write.removeScenario
                            .mutateAsync(scenarioArgs(s.id))
                            .catch(() => undefined),
                      )
                    }
                  >
                    Remove
                  </Button>
                </div>
              ) : null}
            </ScenarioCard>
          );
        })}
      </div>
      {guard.dialog}
      <Modal
        open={!!editedScenario && canEdit}
        onOpenChange={(open) => !open && setTermsOf(null)}
        title={`Terms: ${editedScenario?.name ?? titleCase(editedScenario?.kind ?? '')}`}
      >
        {editedScenario ? (
          <ScenarioEditor
            key={`${editedScenario.id}-${deal.version}`}
            scenario={editedScenario}
            status={deal.status}
            busy={write.updateScenario.isPending}
            error={write.updateScenario.error}
            onSave={async (input) => {
              await write.updateScenario.mutateAsync({ ...scenarioArgs(editedScenario.id), input });
              setTermsOf(null);
            }}
            onCancel={() => setTermsOf(null)}
            onReload={() => void write.reload()}
          />
        ) : null}
      </Modal>
      {canEdit ? <AddScenario deal={deal} confirm={guard.run} /> : null}
      {deal.scenarios.some((s) => s.finance) ? (
        <PaymentGrid deal={deal} canApply={canEdit} confirm={guard.run} />
      ) : null}
      {deal.scenarios.some((s) => s.lease) ? (
        <LeaseGrid deal={deal} canApply={canEdit} confirm={guard.run} />
      ) : null}
      {selected ? (
        <section className="card">
          <h2>Tax ({selected.name ?? titleCase(selected.kind)})</h2>
          <TaxLines s={selected} />
        </section>
      ) : null}
      <Modal
        open={reasonFor !== null}
        onOpenChange={(open) => !open && setReasonFor(null)}
        title={reasonFor ? TRANSITIONS[reasonFor]!.label : ''}
      >
        <Field id="reason" label="Reason">
          <input id="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="row" style={{ marginTop: 12 }}>
          <Button
            variant="danger"
            busy={transitions.busy}
            disabled={!reason.trim()}
            onClick={() =>
              void transitions
                .run(reasonFor!, reason.trim())
                .then(() => (setReasonFor(null), setReason('')))
                .catch(() => setReasonFor(null))
            }
          >
            Confirm
          </Button>
          <Button onClick={() => setReasonFor(null)}>Back</Button>
        </div>
      </Modal>
    </>
  );
}

export default function DealPage() {
  const { id } = useParams<{ id: string }>();
  const query = useDealQuery({ id });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const deal = query.data?.deal;
  if (!deal) return <Empty>This deal does not exist (or belongs to another dealership).</Empty>;
  return <Desk deal={deal} />;
}
