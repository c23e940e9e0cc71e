'use client';
import Link from 'next/link';
import { ApprovalsLive } from '../../components/approvals-live.tsx';
import { DealQueue } from '../../components/deal-queue.tsx';
import { Empty, ErrorBanner, Loading } from '../../components/ui.tsx';
import {
  useDealsQuery,
  useMeQuery,
  useVehiclesQuery,
  type DealFilter,
} from '../../generated/graphql.ts';
import { money, titleCase } from '../../lib/format.ts';
import { hasPermission, useSession } from '../../lib/session.ts';

function AgedInventory() {
  const aged = useVehiclesQuery({
    filter: { daysInStockMin: 60, status: ['AVAILABLE'] },
    sort: 'DAYS_IN_STOCK_DESC',
    first: 10,
  });
  if (aged.isPending) return <Loading />;
  if (aged.error) return <ErrorBanner error={aged.error} />;
  const rows = aged.data?.vehicles.edges ?? [];
  if (rows.length === 0) return <Empty>No vehicle has been in stock 60 days or more.</Empty>;
  return (
    <table aria-label="Aged inventory">
      <tbody>
        {rows.map(({ node: v }) => (
          <tr key={v.id}>
            <td>
              <Link href={`/inventory/${v.id}`}>
                {v.year} {v.make} {v.model}
              </Link>
            </td>
            <td className="num">{money(v.listPrice)}</td>
            <td className="num">{v.daysInStock} days</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DealList({ filter, empty }: { filter: DealFilter; empty: string }) {
  const deals = useDealsQuery({ filter, first: 10 });
  if (deals.isPending) return <Loading />;
  if (deals.error) return <ErrorBanner error={deals.error} />;
  const rows = deals.data?.deals.edges ?? [];
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <table>
      <tbody>
        {rows.map(({ node: d }) => (
          <tr key={d.id}>
            <td>
              <Link href={`/deals/${d.id}`}>{d.buyer?.displayName ?? 'Deal'}</Link>
            </td>
            <td>{d.vehicle ? `${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model}` : ''}</td>
            <td>
              <span className="badge">{titleCase(d.status)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function DashboardPage() {
  const state = useSession();
  const me = useMeQuery();
  return (
    <>
      <h1>
        {me.data ? `Welcome, ${me.data.me.displayName}` : 'Dashboard'}
        {me.data ? <span className="muted"> · {me.data.me.dealership.name}</span> : null}
      </h1>
      <ErrorBanner error={me.error} />
      <div className="grid2">
        {hasPermission(state, 'deals.read') && state.status === 'signedIn' ? (
          <section className="card">
            <h2>My open deals</h2>
            <DealList
              filter={{
                salespersonId: state.user.id,
                status: ['DRAFT', 'SUBMITTED', 'REJECTED', 'APPROVED'],
              }}
              empty="No open deals. Start one from Deals → New deal."
            />
          </section>
        ) : null}
        {hasPermission(state, 'deals.approve') ? (
          <section className="card">
            <h2>Awaiting approval</h2>
            <ApprovalsLive />
            <DealQueue
              status={['SUBMITTED']}
              withGross={hasPermission(state, 'deals.gross.read')}
              label="Approval queue"
              empty="Nothing waits for approval."
              action="Review"
            />
          </section>
        ) : null}
        {hasPermission(state, 'deals.finance') ? (
          <section className="card">
            <h2>F&amp;I queue</h2>
            <DealQueue
              status={['APPROVED', 'IN_FINANCE']}
              withGross={hasPermission(state, 'deals.gross.read')}
              label="F&I queue"
              empty="No approved deal waits for finance."
              action="Open"
            />
          </section>
        ) : null}
        <section className="card">
          <h2>Aged inventory</h2>
          {hasPermission(state, 'inventory.read') ? <AgedInventory /> : <Empty>No access.</Empty>}
        </section>
        <section className="card">
          <h2>Quick start</h2>
          <ul>
            <li>
              <Link href="/customers/new">Add a customer</Link>
            </li>
            {hasPermission(state, 'inventory.write') ? (
              <li>
                <Link href="/inventory/new">Add a vehicle by VIN</Link>
              </li>
            ) : null}
            {hasPermission(state, 'deals.write') ? (
              <li>
                <Link href="/deals/new">Start a deal</Link>
              </li>
            ) : null}
            <li>
              <Link href="/tax">Quote sales tax</Link>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
