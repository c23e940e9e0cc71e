'use client';
import { useParams } from 'next/navigation';
import {
  Events,
  PriceStructure,
  ScenarioCard,
  TaxLines,
} from '../../../../../components/deal-parts.tsx';
import { Button, Empty, ErrorBanner, Loading } from '../../../../../components/ui.tsx';
import { useDealQuery } from '../../../../../generated/graphql.ts';
import { date, money, titleCase } from '../../../../../lib/format.ts';
import { dealTitle } from '../../../../../lib/deal-status.ts';
import { usePageTitle } from '../../../../../lib/use-page-title.ts';

export default function RecapPage() {
  const { id } = useParams<{ id: string }>();
  const query = useDealQuery({ id });
  usePageTitle(query.data?.deal && `Recap · ${dealTitle(query.data.deal)}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const deal = query.data?.deal;
  if (!deal) return <Empty>This deal does not exist.</Empty>;
  const selected = deal.scenarios.find((s) => s.selected) ?? deal.scenarios[0];
  return (
    <article>
      <div className="row no-print" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={() => window.print()}>Print</Button>
      </div>
      <h1>
        Deal recap <span data-testid="deal-number">#{deal.dealNumber}</span>
      </h1>
      <p>
        {deal.buyer?.displayName}
        {deal.coBuyer ? ` & ${deal.coBuyer.displayName}` : ''} · {deal.vehicle?.year}{' '}
        {deal.vehicle?.make} {deal.vehicle?.model} <span className="mono">{deal.vehicle?.vin}</span>{' '}
        · {date(deal.dealDate)} · {titleCase(deal.status)}
        {deal.salesperson ? ` · salesperson ${deal.salesperson.displayName}` : ''}
      </p>
      <div className="card">
        <PriceStructure deal={deal} />
      </div>
      {selected ? (
        <>
          <ScenarioCard s={selected} />
          <div className="card">
            {selected.lines.length > 0 ? (
              <>
                <h2>Recap lines</h2>
                <table aria-label="Recap lines">
                  <tbody>
                    {selected.lines.map((l, i) => (
                      <tr key={i}>
                        <td>{l.label}</td>
                        <td className="num">{money(l.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
            <h2>Tax</h2>
            <TaxLines s={selected} />
          </div>
        </>
      ) : null}
      <div className="card">
        <h2>History</h2>
        <Events deal={deal} />
      </div>
    </article>
  );
}
