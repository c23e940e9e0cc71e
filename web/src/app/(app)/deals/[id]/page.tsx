'use client';
// The desk: one deal's numbers, scenarios, grids and status moves. The pieces live in components
// (actions, scenarios, grids, editors); this page composes them, titles the page, keeps the focus
// where the user was and announces payment and status changes to screen readers.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { DealActions, useDealActions } from '../../../../components/deal-actions.tsx';
import { useResubmitGuard } from '../../../../components/deal-guard.tsx';
import { DealGross, Events, PriceStructure, TaxLines } from '../../../../components/deal-parts.tsx';
import { DeskScenarios } from '../../../../components/desk-scenarios.tsx';
import { DeskWorksheet } from '../../../../components/desk-worksheet.tsx';
import { DealLive } from '../../../../components/deal-live.tsx';
import { DealStrategy } from '../../../../components/deal-strategy.tsx';
import { PaymentGrid } from '../../../../components/payment-grid.tsx';
import { Button, Empty, ErrorBanner, Loading } from '../../../../components/ui.tsx';
import { useDealQuery, type DealDeskFragment } from '../../../../generated/graphql.ts';
import { canEditDeal, dealTitle } from '../../../../lib/deal-status.ts';
import { ACTION_LABELS } from '../../../../lib/desk.ts';
import { date, money, titleCase } from '../../../../lib/format.ts';
import { useDealWrite } from '../../../../lib/use-deal-write.ts';
import { usePageTitle } from '../../../../lib/use-page-title.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';

// The editors bring react-hook-form and zod: loaded when first opened, not with the desk.
const DealEditPanel = dynamic(
  () => import('../../../../components/deal-editor.tsx').then((m) => m.DealEditPanel),
  { ssr: false, loading: () => <Loading /> },
);
// Adding a scenario is an editor's action, below the fold: not part of the desk's first load.
const AddScenario = dynamic(
  () => import('../../../../components/add-scenario.tsx').then((m) => m.AddScenario),
  { ssr: false, loading: () => <Loading /> },
);
const LeaseGrid = dynamic(
  () => import('../../../../components/lease-grid.tsx').then((m) => m.LeaseGrid),
  { ssr: false, loading: () => <Loading /> },
);

/** What a screen reader hears when the numbers change: payment (or amount due) and status. */
function announcement(deal: DealDeskFragment): string {
  const s = deal.scenarios.find((x) => x.selected) ?? deal.scenarios[0];
  const amount = s
    ? s.monthlyPayment
      ? `${money(s.monthlyPayment)} a month`
      : `${money(s.dueFromBuyer)} due`
    : '';
  return `${amount}${amount ? ' · ' : ''}${titleCase(deal.status)}`;
}

function Desk({ deal }: { deal: DealDeskFragment }) {
  const state = useSession();
  const write = useDealWrite(deal);
  const guard = useResubmitGuard(deal);
  const actions = useDealActions(deal, state);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  usePageTitle(dealTitle(deal));
  // Edits exist only where the server says this user may make them.
  const canEdit = canEditDeal(deal);
  const canSeeGross = hasPermission(state, 'deals.gross.read');
  const selected = deal.scenarios.find((s) => s.selected) ?? deal.scenarios[0];
  // The moment the desk can be used, for the time-to-interactive budget (Performance API).
  useEffect(() => void performance.mark('autolytiq:desk-ready'), []);
  // The editor closed (saved or cancelled): the focus goes back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  return (
    <>
      <div className="sr-only" aria-live="polite" data-testid="desk-announcer">
        {announcement(deal)}
      </div>
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
        <DealActions key={deal.version} deal={deal} allowed={actions.allowed} />
      </div>
      {actions.blocked.map((a) => (
        <p
          key={a.transition}
          className="muted"
          data-testid={a.transition === 'APPROVE' ? 'own-deal-approval' : `blocked-${a.transition}`}
        >
          {ACTION_LABELS[a.transition]}: {a.reason}
        </p>
      ))}
      {deal.rejectionReason && deal.status === 'REJECTED' ? (
        <div className="banner-warn">Rejected: {deal.rejectionReason}</div>
      ) : null}
      {deal.cancellationReason && (deal.status === 'CANCELLED' || deal.status === 'UNWOUND') ? (
        <div className="banner-warn" data-testid="cancellation-reason">
          {deal.status === 'UNWOUND' ? 'Unwound' : 'Cancelled'}: {deal.cancellationReason}
        </div>
      ) : null}
      {deal.contract ? (
        <p className="muted" data-testid="deal-contract">
          Contracted {date(deal.contract.contractDate)}
          {deal.contract.lender ? ` with ${deal.contract.lender}` : ''}
          {deal.contract.contractNumber ? `, contract ${deal.contract.contractNumber}` : ''}
          {deal.contract.contractedBy
            ? ` (recorded by ${deal.contract.contractedBy.displayName})`
            : ''}
        </p>
      ) : null}
      <DeskWorksheet deal={deal} canSeeGross={canSeeGross} />
      {hasPermission(state, 'ml.read') ? (
        <DealStrategy dealId={deal.id} version={deal.version} />
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
              <Button ref={editButton} className="btn no-print" onClick={() => setEditing(true)}>
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
      <DeskScenarios deal={deal} canEdit={canEdit} write={write} confirm={guard.run} />
      {guard.dialog}
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
  return (
    <>
      <DealLive dealId={deal.id} version={deal.version} />
      <Desk deal={deal} />
    </>
  );
}
