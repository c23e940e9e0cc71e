'use client';
// The recap is the customer's copy: the dealership's name and address, the buyers and their address,
// the car, the price structure and the selected terms with their tax, and signature lines. The desk's
// internal notices and the deal history stay on the desk.
import { useParams } from 'next/navigation';
import { PriceStructure, ScenarioCard, TaxLines } from '../../../../../components/deal-parts.tsx';
import { Button, Empty, ErrorBanner, Loading } from '../../../../../components/ui.tsx';
import {
  useDealQuery,
  useRecapPartiesQuery,
  type DealDeskFragment,
} from '../../../../../generated/graphql.ts';
import { date, money } from '../../../../../lib/format.ts';
import { dealTitle } from '../../../../../lib/deal-status.ts';
import { usePageTitle } from '../../../../../lib/use-page-title.ts';

type Address = { line1: string; line2?: string | null; city: string; state: string; zip: string };

function AddressLines({ a }: { a: Address | null | undefined }) {
  if (!a) return null;
  return (
    <>
      {a.line1}
      {a.line2 ? `, ${a.line2}` : ''}
      <br />
      {a.city}, {a.state} {a.zip}
    </>
  );
}

function Parties({ deal }: { deal: DealDeskFragment }) {
  const parties = useRecapPartiesQuery(
    { buyerId: deal.buyer?.id ?? '' },
    { enabled: !!deal.buyer },
  ).data;
  const dealership = parties?.me.dealership;
  const addresses = parties?.customer?.addresses ?? [];
  const home = addresses.find((a) => a.kind === 'HOME') ?? addresses[0];
  return (
    <div className="grid2">
      <section data-testid="recap-dealership">
        <strong>{dealership?.legalName ?? dealership?.name ?? ''}</strong>
        <br />
        <AddressLines a={dealership?.address} />
      </section>
      <section data-testid="recap-buyer">
        <strong>
          {deal.buyer?.displayName}
          {deal.coBuyer ? ` & ${deal.coBuyer.displayName}` : ''}
        </strong>
        <br />
        <AddressLines a={home} />
      </section>
    </div>
  );
}

function Signatures({ deal }: { deal: DealDeskFragment }) {
  const lines = [
    `Buyer: ${deal.buyer?.displayName ?? ''}`,
    ...(deal.coBuyer ? [`Co-buyer: ${deal.coBuyer.displayName}`] : []),
    'For the dealership',
  ];
  return (
    <section className="signatures" aria-label="Signatures">
      {lines.map((l) => (
        <div key={l} className="signature-line">
          <span>{l}</span>
          <span>Date</span>
        </div>
      ))}
    </section>
  );
}

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
      <Parties deal={deal} />
      <p>
        {deal.vehicle?.year} {deal.vehicle?.make} {deal.vehicle?.model}{' '}
        <span className="mono">{deal.vehicle?.vin}</span> · {date(deal.dealDate)}
        {deal.salesperson ? ` · salesperson ${deal.salesperson.displayName}` : ''}
      </p>
      <div className="card">
        <PriceStructure deal={deal} />
      </div>
      {selected ? (
        <>
          <ScenarioCard s={selected} forCustomer />
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
      <Signatures deal={deal} />
    </article>
  );
}
