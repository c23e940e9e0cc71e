'use client';
import { useState, type FormEvent } from 'react';
import { TaxResult } from '../../../components/tax-result.tsx';
import { Button, ErrorBanner, Field } from '../../../components/ui.tsx';
import {
  useSupportedStatesQuery,
  useTaxDealershipQuery,
  useTaxQuoteQuery,
  type TaxQuoteInput,
  type VehicleCondition,
} from '../../../generated/graphql.ts';
import { fieldErrors } from '../../../lib/errors.ts';

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
    county: '',
    city: '',
    dealerZip: '',
    vehicleCondition: 'USED' as VehicleCondition,
    sellingPrice: '30000',
    tradeInAllowance: '',
    tradeInPayoff: '',
    manufacturerRebate: '',
    dealerRebate: '',
    docFee: '',
  });
  // The dealer ZIP field shows the dealership's own ZIP until someone types another one.
  const [dealerZipTyped, setDealerZipTyped] = useState(false);
  const ownZip = useTaxDealershipQuery().data?.myDealership.address.zip ?? '';
  const dealerZip = dealerZipTyped ? form.dealerZip : ownZip;
  const [input, setInput] = useState<TaxQuoteInput | null>(null);
  const quote = useTaxQuoteQuery({ input: input! }, { enabled: input !== null });
  const errors = fieldErrors(quote.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    setInput({
      state: form.state,
      zip: opt(form.zip),
      county: opt(form.county),
      city: opt(form.city),
      dealerZip: opt(dealerZip),
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
          <Field id="t-county" label="County (default: the ZIP’s)" error={errors.county}>
            <input id="t-county" value={form.county} onChange={set('county')} />
          </Field>
          <Field id="t-city" label="City (default: the ZIP’s)" error={errors.city}>
            <input id="t-city" value={form.city} onChange={set('city')} />
          </Field>
          <Field
            id="t-dealerZip"
            label="Dealership ZIP (WA, IL, AZ tax the dealer’s location)"
            error={errors.dealerZip}
          >
            <input
              id="t-dealerZip"
              value={dealerZip}
              onChange={(e) => {
                setDealerZipTyped(true);
                set('dealerZip')(e);
              }}
              inputMode="numeric"
            />
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
      {result ? <TaxResult result={result} /> : null}
    </>
  );
}
