'use client';
import type { ReactNode } from 'react';
import {
  useDealGrossQuery,
  type DealDeskFragment,
  type ScenarioViewFragment,
} from '../generated/graphql.ts';
import { date, dateTime, money, percent, titleCase } from '../lib/format.ts';

export function PriceStructure({ deal }: { deal: DealDeskFragment }) {
  const rows: Array<[string, string]> = [
    ['Selling price', money(deal.sellingPrice)],
    ['Accessories', money(deal.accessories)],
    ['Dealer discount', money(deal.dealerDiscount)],
    ['Rebates', money(deal.totalRebates)],
    ['Doc fee', money(deal.docFee)],
    ...deal.tradeIns.map((t): [string, string] => [
      `Trade-in ${t.year ?? ''} ${t.make ?? ''} ${t.model ?? ''}`.trim(),
      `${money(t.allowance)} (payoff ${money(t.payoff)}, ${
        Number(t.equity) < 0 ? 'negative equity' : 'equity'
      } ${money(t.equity)})`,
    ]),
    ...deal.products.map((p): [string, string] => [p.name, money(p.price)]),
  ];
  return (
    <table aria-label="Price structure">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td className="num">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type LeaseResultView = NonNullable<ScenarioViewFragment['leaseResult']>;

/** The lease disclosure (Regulation M) values, in the order the lease contract shows them. */
export const LEASE_ROWS: ReadonlyArray<[Exclude<keyof LeaseResultView, '__typename'>, string]> = [
  ['grossCapCost', 'Gross capitalized cost'],
  ['capCostReduction', 'Capitalized cost reduction'],
  ['adjustedCapCost', 'Adjusted capitalized cost'],
  ['residualValue', 'Residual value'],
  ['depreciation', 'Depreciation and amortized amounts'],
  ['rentCharge', 'Rent charge'],
  ['basePayment', 'Base monthly payment'],
  ['monthlyTax', 'Monthly sales/use tax'],
  ['totalMonthlyPayment', 'Total monthly payment'],
  ['upfrontTax', 'Tax due at signing'],
  ['dueAtSigning', 'Amount due at signing'],
  ['totalOfPayments', 'Total of payments'],
  ['aprEquivalent', 'Money factor as APR'],
];

/** `forCustomer`: the customer's copy, without the desk's internal notices. */
export function ScenarioCard({
  s,
  children,
  forCustomer = false,
}: {
  s: ScenarioViewFragment;
  children?: ReactNode;
  forCustomer?: boolean;
}) {
  const til = s.truthInLending;
  const lease = s.leaseResult;
  return (
    <div className="card" data-testid={`scenario-${s.kind}`} aria-current={s.selected || undefined}>
      <h2>
        {s.name ?? titleCase(s.kind)} {s.selected ? <span className="badge">Selected</span> : null}
      </h2>
      {s.finance ? (
        <p className="muted">
          {s.finance.termMonths} mo at {s.finance.apr}% · {money(s.finance.downPayment)} down
          {s.finance.buyRate
            ? ` · buy ${s.finance.buyRate}% + ${s.finance.rateMarkup ?? '0'}%`
            : ''}
        </p>
      ) : null}
      {s.lease ? (
        <p className="muted">
          {s.lease.lender ? `${s.lease.lender} · ` : ''}
          {s.lease.termMonths} mo · MF {s.lease.moneyFactor} · {money(s.lease.cashDown)} down
          {s.lease.residualRate ? ` · residual ${percent(s.lease.residualRate)}` : ''}
          {s.lease.milesPerYear ? ` · ${s.lease.milesPerYear.toLocaleString('en-US')} mi/yr` : ''}
          {Number(s.lease.acquisitionFee) > 0
            ? ` · acquisition fee ${money(s.lease.acquisitionFee)}`
            : ''}
        </p>
      ) : null}
      <div style={{ fontSize: 22, fontWeight: 700 }}>
        {s.monthlyPayment ? `${money(s.monthlyPayment)}/mo` : money(s.dueFromBuyer)}
      </div>
      <table>
        <tbody>
          <tr>
            <th>Total tax</th>
            <td className="num">{money(s.totalTax)}</td>
          </tr>
          <tr>
            <th>Due from buyer</th>
            <td className="num">{money(s.dueFromBuyer)}</td>
          </tr>
          {til ? (
            <>
              <tr>
                <th>APR</th>
                <td className="num">{til.apr}%</td>
              </tr>
              <tr>
                <th>Finance charge</th>
                <td className="num">{money(til.financeCharge)}</td>
              </tr>
              <tr>
                <th>Amount financed</th>
                <td className="num">{money(til.amountFinanced)}</td>
              </tr>
              <tr>
                <th>Total of payments</th>
                <td className="num">{money(til.totalOfPayments)}</td>
              </tr>
              <tr>
                <th>Total sale price</th>
                <td className="num">{money(til.totalSalePrice)}</td>
              </tr>
              <tr>
                <th>Payments</th>
                <td className="num">
                  {til.numberOfPayments} from {date(til.firstPaymentDate)}
                </td>
              </tr>
            </>
          ) : null}
          {lease
            ? LEASE_ROWS.map(([key, label]) => (
                <tr key={key}>
                  <th>{label}</th>
                  <td className="num">
                    {key === 'aprEquivalent' ? `${lease[key]}%` : money(lease[key])}
                  </td>
                </tr>
              ))
            : null}
        </tbody>
      </table>
      {forCustomer
        ? null
        : s.notices.map((n) => (
            <div key={n} className="banner-warn">
              {n}
            </div>
          ))}
      {children}
    </div>
  );
}

export function TaxLines({ s }: { s: ScenarioViewFragment }) {
  return (
    <table aria-label="Deal tax lines">
      <thead>
        <tr>
          <th>Jurisdiction</th>
          <th className="num">Rate</th>
          <th className="num">Base</th>
          <th className="num">Amount</th>
          <th>Rule</th>
        </tr>
      </thead>
      <tbody>
        {s.taxLines.map((l, i) => (
          <tr key={i}>
            <td>{l.jurisdiction}</td>
            <td className="num">{percent(l.rate)}</td>
            <td className="num">{money(l.base)}</td>
            <td className="num">{money(l.amount)}</td>
            <td>
              {l.rule}{' '}
              <a href={l.source} target="_blank" rel="noreferrer" className="no-print">
                source
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// What an edit changed, in the desk's words (the API names fields: `coBuyerId`, `scenario.<id>`).
const FIELD_WORDS: Record<string, string> = {
  buyerId: 'buyer',
  coBuyerId: 'co-buyer',
  vehicleId: 'vehicle',
  salespersonId: 'salesperson',
  salesManagerId: 'sales manager',
  buyerZip: 'buyer ZIP',
  msrp: 'MSRP',
  tradeIns: 'trade-ins',
  products: 'F&I products',
};
export const changedFields = (fields: string[]): string =>
  [
    ...new Set(
      fields.map(
        (f) =>
          FIELD_WORDS[f] ??
          (f.startsWith('scenario.') ? 'scenario' : f.replace(/([A-Z])/g, ' $1').toLowerCase()),
      ),
    ),
  ].join(', ');

export function Events({ deal }: { deal: DealDeskFragment }) {
  return (
    <ul className="timeline" aria-label="Deal history">
      {[...deal.events].reverse().map((e) => (
        <li key={e.id}>
          <span className="badge">{titleCase(e.kind)}</span>{' '}
          {e.kind === 'TRANSITION' || e.kind === 'CREATED'
            ? `${titleCase(e.fromStatus ?? '')} → ${titleCase(e.toStatus ?? '')}`
            : changedFields(e.changes.map((c) => c.field))}
          {e.note ? ` — ${e.note}` : ''}{' '}
          <span className="muted">
            · {e.actor?.displayName ?? 'system'} · {dateTime(e.at)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Front and back gross for users with deals.gross.read (refetched with every new deal version). */
export function DealGross({ deal }: { deal: Pick<DealDeskFragment, 'id' | 'version'> }) {
  const query = useDealGrossQuery(
    { id: deal.id },
    { queryKey: [...useDealGrossQuery.getKey({ id: deal.id }), deal.version] },
  );
  const g = query.data?.deal?.grossProfit;
  if (!g) return null;
  const rows: Array<[string, string]> = [
    ['Vehicle cost', g.vehicleCost == null ? 'unknown' : money(g.vehicleCost)],
    ['Reconditioning', money(g.reconditioning)],
    ['Trade over-allowance', money(g.tradeOverAllowance)],
    ['Front gross', g.frontGross == null ? 'unknown' : money(g.frontGross)],
    ['Reserve', money(g.reserve)],
    ['Product margin', money(g.productMargin)],
    ['Back gross', money(g.backGross)],
    ['Total gross', g.totalGross == null ? 'unknown' : money(g.totalGross)],
  ];
  return (
    <section className="card no-print" data-testid="deal-gross">
      <h2>
        Gross{' '}
        {g.isLowGross ? (
          <span className="badge" data-testid="low-gross">
            Low gross (below {money(g.lowGrossThreshold)})
          </span>
        ) : null}
      </h2>
      <table aria-label="Gross profit">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
