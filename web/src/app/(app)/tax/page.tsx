'use client';
import { useState, type FormEvent } from 'react';
import { Button, ErrorBanner, Field } from '../../../components/ui.tsx';
import {
  useSupportedStatesQuery,
  useTaxQuoteQuery,
  type TaxQuoteInput,
  type VehicleCondition,
} from '../../../generated/graphql.ts';
import { fieldErrors } from '../../../lib/errors.ts';
import { money, percent, titleCase } from '../../../lib/format.ts';

const today = () => new Date().toISOString().slice(0, 10);

const MONEY_FIELDS = [
  ['sellingPrice', 'Selling price'],
  ['tradeInAllowance', 'Trade-in allowance'],
  ['tradeInPayoff', 'Trade-in payoff'],
  ['manufacturerRebate', 'Manufacturer rebate'],
  ['dealerRebate', 'Dealer rebate'],
  ['docFee', 'Doc fee'],
] as const;

type MoneyKey = (typeof MONEY_FIELDS)[number][0];

export default function TaxPage() {
  const states = useSupportedStatesQuery();
  const [form, setForm] = useState({
    state: 'TX',
    zip: '',
    vehicleCondition: 'USED' as VehicleCondition,
    sellingPrice: '30000',
    tradeInAllowance: '',
    tradeInPayoff: '',
    manufacturerRebate: '',
    dealerRebate: '',
    docFee: '',
  });
  const [input, setInput] = useState<TaxQuoteInput | null>(null);
  const quote = useTaxQuoteQuery({ input: input! }, { enabled: input !== null });
  const errors = fieldErrors(quote.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    setInput({
      state: form.state,
      zip: opt(form.zip),
      vehicleCondition: form.vehicleCondition,
      sellingPrice: form.sellingPrice.trim(),
      tradeInAllowance: opt(form.tradeInAllowance),
      tradeInPayoff: opt(form.tradeInPayoff),
      manufacturerRebate: opt(form.manufacturerRebate),
      dealerRebate: opt(form.dealerRebate),
      docFee: opt(form.docFee),
      dealDate: today(),
    });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const unplaced = quote.error && Object.keys(errors).length === 0 ? quote.error : null;
  const result = quote.data?.taxQuote;
  return (
    <>
      <h1>Tax calculator</h1>
      <form className="card" onSubmit={submit} noValidate>
        <div className="grid3">
          <Field id="t-state" label="State" error={errors.state}>
            <select id="t-state" value={form.state} onChange={set('state')}>
              {(states.data?.supportedStates ?? [form.state]).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field id="t-zip" label="ZIP (local rates)" error={errors.zip}>
            <input id="t-zip" value={form.zip} onChange={set('zip')} inputMode="numeric" />
          </Field>
          <Field id="t-condition" label="Vehicle">
            <select
              id="t-condition"
              value={form.vehicleCondition}
              onChange={set('vehicleCondition')}
            >
              <option value="NEW">New</option>
              <option value="USED">Used</option>
            </select>
          </Field>
          {MONEY_FIELDS.map(([key, label]) => (
            <Field key={key} id={`t-${key}`} label={label} error={errors[key as MoneyKey]}>
              <input
                id={`t-${key}`}
                value={form[key]}
                onChange={set(key)}
                inputMode="decimal"
                aria-invalid={!!errors[key]}
              />
            </Field>
          ))}
        </div>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={quote.isFetching}>
          Calculate tax
        </Button>
      </form>
      <ErrorBanner error={unplaced} />
      {result ? (
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
                  <td className="num">{percent(l.rate)}</td>
                  <td className="num">{money(l.base)}</td>
                  <td className="num">{money(l.amount)}</td>
                  <td>
                    {l.rule}{' '}
                    <a href={l.source} target="_blank" rel="noreferrer">
                      source
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
