'use client';
// A dashboard queue of deals waiting on someone: approval (managers) or F&I (finance). Each row has
// what the decision needs — deal number, buyer, salesperson, payment, front gross for those who may
// see it, how long it has waited — and opens the desk, where the server's actions (and its
// confirmation for a low-gross approval) take over.
import Link from 'next/link';
import { useDealQueueQuery, type DealStatus } from '../generated/graphql.ts';
import { money, titleCase } from '../lib/format.ts';
import { Empty, ErrorBanner, Loading } from './ui.tsx';

/** "5 min", "3 h", "2 days": how long since `iso`. */
export function waited(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export function DealQueue(props: {
  status: DealStatus[];
  withGross: boolean;
  label: string;
  empty: string;
  action: string;
}) {
  const query = useDealQueueQuery({ status: props.status, withGross: props.withGross });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const rows = query.data?.deals.edges ?? [];
  if (rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <table aria-label={props.label}>
      <thead>
        <tr>
          <th>Deal</th>
          <th>Salesperson</th>
          <th className="num">Payment</th>
          {props.withGross ? <th className="num">Front gross</th> : null}
          <th className="num">Waiting</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ node: d }) => {
          const s = d.selectedScenario;
          const gross = d.grossProfit;
          return (
            <tr key={d.id}>
              <td>
                <Link href={`/deals/${d.id}`} title={`${props.action} deal #${d.dealNumber}`}>
                  #{d.dealNumber} {d.buyer?.displayName ?? ''}
                </Link>
                <div className="muted">
                  {d.vehicle ? `${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model}` : ''}
                  {props.status.length > 1 ? ` · ${titleCase(d.status)}` : ''}
                </div>
              </td>
              <td>{d.salesperson?.displayName ?? '—'}</td>
              <td className="num">
                {s?.monthlyPayment
                  ? `${money(s.monthlyPayment)}/mo`
                  : s
                    ? `${money(s.dueFromBuyer)} due`
                    : '—'}
              </td>
              {props.withGross ? (
                <td className="num">
                  {gross?.frontGross == null ? 'unknown' : money(gross.frontGross)}
                  {gross?.isLowGross ? (
                    <>
                      {' '}
                      <span className="badge">low</span>
                    </>
                  ) : null}
                </td>
              ) : null}
              <td className="num">{waited(d.submittedAt ?? d.updatedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
