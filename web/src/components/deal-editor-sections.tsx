'use client';
// The deal editor's sections, each a small form part on the editor's react-hook-form instance:
// price structure, tax place and fees, trade-ins, rebates and F&I products.
import { useFieldArray, type FieldPath, type UseFormReturn } from 'react-hook-form';
import {
  EMPTY_PRODUCT,
  EMPTY_REBATE,
  EMPTY_TRADE_IN,
  PRODUCT_KINDS,
  type DealFormValues,
} from '../lib/deal-edit.ts';
import { titleCase } from '../lib/format.ts';
import { FeeChoice } from './fee-choice.tsx';
import { FormInput } from './form-fields.tsx';
import { Button, Field } from './ui.tsx';

export type DealForm = UseFormReturn<DealFormValues>;

/** A deal editor text box: ids are `d-<path>`. */
export function DealInput(props: {
  form: DealForm;
  name: FieldPath<DealFormValues>;
  label: string;
  width?: number;
  type?: 'date';
}) {
  return <FormInput prefix="d" {...props} />;
}

export function PriceSection({ form, canSeeGross }: { form: DealForm; canSeeGross: boolean }) {
  return (
    <>
      <h3>Price structure</h3>
      <div className="grid3">
        <DealInput form={form} name="sellingPrice" label="Selling price" />
        <DealInput form={form} name="accessories" label="Accessories" />
        <DealInput form={form} name="dealerDiscount" label="Dealer discount" />
        <DealInput form={form} name="docFee" label="Doc fee" />
        {canSeeGross ? (
          <DealInput form={form} name="reconditioning" label="Reconditioning" />
        ) : null}
      </div>
    </>
  );
}

export function TaxFeesSection({ form }: { form: DealForm }) {
  return (
    <>
      <h3>Tax and fees</h3>
      <p className="muted" id="d-tax-place-help">
        Tax is computed for this state/ZIP (the buyer&apos;s, from their address when the deal was
        made). A blank title or registration fee uses the state&apos;s fee table.
      </p>
      <div className="grid3">
        <DealInput form={form} name="buyerState" label="Buyer state" width={80} />
        <DealInput form={form} name="buyerZip" label="Buyer ZIP" width={120} />
        <DealInput form={form} name="titleFee" label="Title fee" />
        <FeeChoice form={form} kind="TITLE" />
        <DealInput form={form} name="registrationFee" label="Registration fee" />
        <FeeChoice form={form} kind="REGISTRATION" />
        <DealInput form={form} name="dealDate" label="Deal date" type="date" />
      </div>
    </>
  );
}

const TRADE_FIELDS: Array<[keyof typeof EMPTY_TRADE_IN, string]> = [
  ['vin', 'VIN'],
  ['year', 'Year'],
  ['make', 'Make'],
  ['model', 'Model'],
  ['mileage', 'Mileage'],
  ['allowance', 'Allowance'],
  ['actualCashValue', 'ACV'],
  ['payoff', 'Payoff'],
  ['lienholder', 'Lienholder'],
];

export function TradeInsSection({ form }: { form: DealForm }) {
  const trades = useFieldArray({ control: form.control, name: 'tradeIns' });
  return (
    <>
      <h3>Trade-ins</h3>
      {trades.fields.map((f, i) => (
        <fieldset key={f.id} className="card" aria-label={`Trade-in ${i + 1}`}>
          <legend>Trade-in {i + 1}</legend>
          <div className="grid3">
            {TRADE_FIELDS.map(([field, label]) => (
              <DealInput key={field} form={form} name={`tradeIns.${i}.${field}`} label={label} />
            ))}
          </div>
          <Button type="button" variant="danger" onClick={() => trades.remove(i)}>
            Remove trade-in {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => trades.append({ ...EMPTY_TRADE_IN })}>
        Add trade-in
      </Button>
    </>
  );
}

export function RebatesSection({ form }: { form: DealForm }) {
  const rebates = useFieldArray({ control: form.control, name: 'rebates' });
  return (
    <>
      <h3>Rebates</h3>
      {rebates.fields.map((f, i) => (
        <fieldset key={f.id} className="row" aria-label={`Rebate ${i + 1}`}>
          <DealInput form={form} name={`rebates.${i}.code`} label="Rebate code" width={120} />
          <DealInput form={form} name={`rebates.${i}.description`} label="Description" />
          <DealInput form={form} name={`rebates.${i}.amount`} label="Rebate amount" width={120} />
          <Button type="button" variant="danger" onClick={() => rebates.remove(i)}>
            Remove rebate {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => rebates.append({ ...EMPTY_REBATE })}>
        Add rebate
      </Button>
    </>
  );
}

export function ProductsSection({ form, canSeeGross }: { form: DealForm; canSeeGross: boolean }) {
  // `key`, not the default `id`: products carry their own id (the server keeps their cost by it).
  const products = useFieldArray({ control: form.control, name: 'products', keyName: 'key' });
  return (
    <>
      <h3>F&amp;I products</h3>
      {products.fields.map((f, i) => (
        <fieldset key={f.key} className="row" aria-label={`Product ${i + 1}`}>
          <Field id={`d-products-${i}-kind`} label="Kind">
            <select id={`d-products-${i}-kind`} {...form.register(`products.${i}.kind`)}>
              {PRODUCT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {titleCase(k)}
                </option>
              ))}
            </select>
          </Field>
          <DealInput form={form} name={`products.${i}.name`} label="Product name" />
          <DealInput form={form} name={`products.${i}.price`} label="Price" width={110} />
          {canSeeGross ? (
            <DealInput form={form} name={`products.${i}.cost`} label="Cost" width={110} />
          ) : null}
          <DealInput
            form={form}
            name={`products.${i}.termMonths`}
            label="Term (months)"
            width={90}
          />
          <DealInput
            form={form}
            name={`products.${i}.termMiles`}
            label="Term (miles)"
            width={110}
          />
          <Button type="button" variant="danger" onClick={() => products.remove(i)}>
            Remove product {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => products.append({ ...EMPTY_PRODUCT })}>
        Add product
      </Button>
    </>
  );
}
