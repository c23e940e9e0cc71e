'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Pager } from '../../../components/pager.tsx';
import { Empty, ErrorBanner, Field, Loading } from '../../../components/ui.tsx';
import { useDealsQuery, type DealStatus } from '../../../generated/graphql.ts';
import { date, money, titleCase } from '../../../lib/format.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';

const STATUSES: DealStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'REJECTED',
  'IN_FINANCE',
  'CONTRACTED',
  'DELIVERED',
  'CANCELLED',
];

export default function DealsPage() {
  const [status, setStatus] = useState<DealStatus | ''>('');
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [status, reset]);
  const query = useDealsQuery(
    { filter: status ? { status: [status] } : undefined, first: 25, after: pages.after },
    { placeholderData: (previous) => previous },
  );
  const connection = query.data?.deals;
  return (
    <>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Deals</h1>
        <Link className="btn btn-primary" href="/deals/new">
          New deal
        </Link>
      </div>
      <div className="card row">
        <Field id="deal-status" label="Status">
          <select
            id="deal-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as DealStatus | '')}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {titleCase(s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorBanner error={query.error} />
      {query.isPending ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? (
        <Empty>No deals here. Start one with “New deal”.</Empty>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <table aria-label="Deals">
            <thead>
              <tr>
                <th className="num">No.</th>
                <th>Date</th>
                <th>Buyer</th>
                <th>Vehicle</th>
                <th>Status</th>
                <th className="num">Payment</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node: d }) => (
                <tr key={d.id}>
                  <td className="num">{d.dealNumber}</td>
                  <td>
                    <Link href={`/deals/${d.id}`}>{date(d.dealDate)}</Link>
                  </td>
                  <td>{d.buyer?.displayName ?? '—'}</td>
                  <td>
                    {d.vehicle ? `${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model}` : '—'}
                  </td>
                  <td>
                    <span className="badge">{titleCase(d.status)}</span>
                  </td>
                  <td className="num">
                    {d.selectedScenario?.monthlyPayment
                      ? `${money(d.selectedScenario.monthlyPayment)}/mo`
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={pages.page}
            hasNext={connection.pageInfo.hasNextPage}
            busy={query.isFetching}
            onBack={pages.back}
            onNext={() => pages.next(connection.pageInfo.endCursor)}
          />
        </>
      ) : null}
    </>
  );
}
