'use client';
// The customer's deals, newest first, on the customer page (for those who may read deals).
import Link from 'next/link';
import { useDealsQuery } from '../generated/graphql.ts';
import { money, titleCase } from '../lib/format.ts';
import { ErrorBanner } from './ui.tsx';

export function CustomerDeals({ customerId }: { customerId: string }) {
  const query = useDealsQuery({ filter: { customerId }, sort: 'DEAL_DATE_DESC', first: 10 });
  if (query.error) return <ErrorBanner error={query.error} />;
  const rows = query.data?.deals.edges ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-label="Deals of this customer">
      <h2>Deals</h2>
      <table aria-label="Customer deals">
        <tbody>
          {rows.map(({ node: d }) => (
            <tr key={d.id}>
              <td>
                <Link href={`/deals/${d.id}`}>Deal #{d.dealNumber}</Link>
              </td>
              <td>{d.vehicle ? `${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model}` : ''}</td>
              <td>{d.dealDate}</td>
              <td className="num">
                {d.selectedScenario?.monthlyPayment
                  ? `${money(d.selectedScenario.monthlyPayment)}/mo`
                  : ''}
              </td>
              <td>
                <span className="badge">{titleCase(d.status)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
