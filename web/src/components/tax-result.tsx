// A tax quote as the salesperson reads it: totals, notices, and one row per tax line with where its
// rate came from (the dealership's own rate, the rates provider, the shipped table or the state rule)
// and the publication behind it.
import type { TaxQuoteQuery } from '../generated/graphql.ts';
import { money, percent, titleCase } from '../lib/format.ts';

type Quote = TaxQuoteQuery['taxQuote'];

/** The layer a line's rate came from, in the dealer's words. */
export const ORIGIN_LABEL: Record<string, string> = {
  DEALER_OVERRIDE: 'Dealership rate',
  PROVIDER: 'Rates provider',
  SHIPPED_TABLE: 'Published local rate',
  STATE_RULE: 'State rule',
};

function Source({ source }: { source: string }) {
  // Provider answers and the dealership's table are named, not linked.
  if (!/^https?:\/\//.test(source)) return <span className="muted">({source})</span>;
  return (
    <a href={source} target="_blank" rel="noreferrer">
      source
    </a>
  );
}

export function TaxResult({ result }: { result: Quote }) {
  return (
    <div className="card" data-testid="tax-result">
      <div className="row" style={{ gap: 32 }}>
        <div>
          <div className="muted">Taxable amount</div>
          <strong>{money(result.taxableAmount)}</strong>
        </div>
        <div>
          <div className="muted">Total tax</div>
          <strong data-testid="total-tax">{money(result.totalTax)}</strong>
        </div>
      </div>
      {result.notices.map((n) => (
        <div key={n} className="banner-warn" style={{ marginTop: 12 }}>
          {n}
        </div>
      ))}
      <table aria-label="Tax lines" style={{ marginTop: 12 }}>
        <thead>
          <tr>
            <th>Jurisdiction</th>
            <th>Kind</th>
            <th>Rate from</th>
            <th className="num">Rate</th>
            <th className="num">Base</th>
            <th className="num">Amount</th>
            <th>Rule</th>
          </tr>
        </thead>
        <tbody>
          {result.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.jurisdiction}</td>
              <td>{titleCase(l.kind)}</td>
              <td data-testid="line-origin">{ORIGIN_LABEL[l.origin] ?? l.origin}</td>
              <td className="num">{percent(l.rate)}</td>
              <td className="num">{money(l.base)}</td>
              <td className="num">{money(l.amount)}</td>
              <td>
                {l.rule} <Source source={l.source} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
