// Editing a deal on the desk (loaded only when editing: zod): the editor's form values (strings, as typed) and
// their translation to the API's DealPatch, and server field paths back to form fields. (Scenario
// terms: scenario-edit.ts.)
import { z } from 'zod';
import type { DealDeskFragment, DealPatch, ProductKind } from '../generated/graphql.ts';
import { cleanNumber } from './numbers.ts';

export const PRODUCT_KINDS: ProductKind[] = [
  'SERVICE_CONTRACT',
  'GAP',
  'MAINTENANCE',
  'TIRE_AND_WHEEL',
  'APPEARANCE',
  'THEFT',
  'KEY_REPLACEMENT',
  'OTHER',
];

const AMOUNT = /^\d+(\.\d{1,2})?$/;
// Amounts are taken as typed ("$36,995", "36995.00") and said back in words when they cannot be.
export const number = z.string().transform(cleanNumber);
const amountOf = (what: string) =>
  number
    .refine((s) => s !== '', `Enter the ${what}.`)
    .refine((s) => s === '' || AMOUNT.test(s), `Enter the ${what} in dollars, such as 36,995.00.`);
export const optionalAmount = number.refine(
  (s) => s === '' || AMOUNT.test(s),
  'Enter an amount in dollars, such as 1,500.00, or leave it blank.',
);
export const optionalWhole = (max: number) =>
  z
    .string()
    .trim()
    .refine(
      (s) => s === '' || (/^\d+$/.test(s) && Number(s) <= max),
      `Enter a whole number up to ${max}.`,
    );
export const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

const tradeInSchema = z.object({
  vin: z
    .string()
    .trim()
    .refine(
      (s) => s === '' || /^[A-HJ-NPR-Z0-9]{17}$/i.test(s),
      'A VIN has 17 letters and digits.',
    ),
  year: z
    .string()
    .trim()
    .refine((s) => s === '' || /^(19|20)\d\d$/.test(s), 'Enter a model year such as 2019.'),
  make: text(60),
  model: text(60),
  mileage: optionalWhole(2_000_000),
  allowance: amountOf('trade-in allowance'),
  actualCashValue: optionalAmount,
  payoff: optionalAmount,
  lienholder: text(120),
});

const rebateSchema = z.object({
  code: z.string().trim().min(1, 'A rebate needs a code.').max(40, 'At most 40 characters.'),
  description: text(200),
  amount: amountOf('rebate amount'),
});

const productSchema = z.object({
  /** The deal's product this row edits ('' for a new one): the server then keeps its cost. */
  id: z.string(),
  kind: z.enum(PRODUCT_KINDS as [ProductKind, ...ProductKind[]]),
  name: text(120),
  price: amountOf('product price'),
  cost: optionalAmount,
  termMonths: optionalWhole(240),
  termMiles: optionalWhole(1_000_000),
});

export const dealFormSchema = z.object({
  /** The co-buyer's customer id ('' = none: clears it). */
  coBuyerId: z.string(),
  vehicleId: z.string().min(1, 'Pick a vehicle.'),
  /** The deal's salesperson and sales manager (user ids; '' = no manager). */
  salespersonId: z.string().min(1, 'Pick the salesperson.'),
  salesManagerId: z.string(),
  /** Moving to a vehicle another open deal holds, knowingly. */
  acknowledgeOpenDeals: z.boolean(),
  dealDate: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the deal date.'),
  buyerState: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Enter a two-letter state such as TX.'),
  buyerZip: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{5}(-\d{4})?$/.test(s), 'Enter a 5-digit ZIP (or ZIP+4).'),
  sellingPrice: amountOf('selling price'),
  accessories: amountOf('accessories amount (0 for none)'),
  dealerDiscount: amountOf('dealer discount (0 for none)'),
  docFee: amountOf('doc fee'),
  /** Blank: the state's fee table. */
  titleFee: optionalAmount,
  registrationFee: optionalAmount,
  /** Only on the form of users who may see gross ('' otherwise, never sent). */
  reconditioning: optionalAmount,
  tradeIns: z.array(tradeInSchema),
  rebates: z.array(rebateSchema),
  products: z.array(productSchema),
});

export type DealFormValues = z.infer<typeof dealFormSchema>;
export type TradeInValues = DealFormValues['tradeIns'][number];
export type RebateValues = DealFormValues['rebates'][number];
export type ProductValues = DealFormValues['products'][number];

export const EMPTY_TRADE_IN: TradeInValues = {
  vin: '',
  year: '',
  make: '',
  model: '',
  mileage: '',
  allowance: '0',
  actualCashValue: '',
  payoff: '0',
  lienholder: '',
};
export const EMPTY_REBATE: RebateValues = { code: '', description: '', amount: '0' };
export const EMPTY_PRODUCT: ProductValues = {
  id: '',
  kind: 'SERVICE_CONTRACT',
  name: '',
  price: '0',
  cost: '',
  termMonths: '',
  termMiles: '',
};

export const str = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '' : String(v);

/**
 * The editor's starting values; `costs` (product id → cost) and `reconditioning` only for users who
 * may see gross.
 */
export function fromDeal(
  deal: DealDeskFragment,
  costs?: ReadonlyMap<string, string | null>,
  reconditioning?: string | null,
): DealFormValues {
  return {
    coBuyerId: deal.coBuyer?.id ?? '',
    vehicleId: deal.vehicle?.id ?? '',
    acknowledgeOpenDeals: false,
    salespersonId: deal.salesperson?.id ?? '',
    salesManagerId: deal.salesManager?.id ?? '',
    dealDate: deal.dealDate,
    buyerState: deal.buyerState,
    buyerZip: str(deal.buyerZip),
    sellingPrice: deal.sellingPrice,
    accessories: deal.accessories,
    dealerDiscount: deal.dealerDiscount,
    docFee: deal.docFee,
    titleFee: str(deal.titleFee),
    registrationFee: str(deal.registrationFee),
    reconditioning: str(reconditioning),
    tradeIns: deal.tradeIns.map((t) => ({
      vin: str(t.vin),
      year: str(t.year),
      make: str(t.make),
      model: str(t.model),
      mileage: str(t.mileage),
      allowance: t.allowance,
      actualCashValue: str(t.actualCashValue),
      payoff: t.payoff,
      lienholder: str(t.lienholder),
    })),
    rebates: deal.rebates.map((r) => ({
      code: r.code,
      description: str(r.description),
      amount: r.amount,
    })),
    products: deal.products.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      price: p.price,
      cost: str(costs?.get(p.id)),
      termMonths: str(p.termMonths),
      termMiles: str(p.termMiles),
    })),
  };
}

export const opt = (s: string) => (s.trim() === '' ? null : s.trim());
export const optInt = (s: string) => (s.trim() === '' ? null : Number(s));

/**
 * The patch for what changed between `initial` and `values` (lists given replace the whole list, so
 * an untouched list is left out). Without gross visibility product costs are not sent.
 */
export function toDealPatch(
  values: DealFormValues,
  initial: DealFormValues,
  canSeeGross: boolean,
): DealPatch {
  const patch: DealPatch = {};
  const differs = (key: keyof DealFormValues) =>
    String(values[key]).trim() !== String(initial[key]).trim();
  for (const key of [
    'sellingPrice',
    'accessories',
    'dealerDiscount',
    'docFee',
    'dealDate',
  ] as const)
    if (differs(key)) patch[key] = values[key].trim();
  // '' clears the co-buyer, the ZIP, and the fees (then the state's fee table applies).
  if (differs('coBuyerId')) patch.coBuyerId = opt(values.coBuyerId);
  if (differs('vehicleId')) {
    patch.vehicleId = values.vehicleId;
    if (values.acknowledgeOpenDeals) patch.acknowledgeOpenDeals = true;
  }
  if (differs('salespersonId')) patch.salespersonId = values.salespersonId;
  if (differs('salesManagerId')) patch.salesManagerId = opt(values.salesManagerId);
  if (differs('buyerState')) patch.buyerState = values.buyerState.trim().toUpperCase();
  if (differs('buyerZip')) patch.buyerZip = opt(values.buyerZip);
  if (differs('titleFee')) patch.titleFee = opt(values.titleFee);
  if (differs('registrationFee')) patch.registrationFee = opt(values.registrationFee);
  if (canSeeGross && differs('reconditioning'))
    patch.reconditioning = opt(values.reconditioning) ?? '0';
  const changed = (key: 'tradeIns' | 'rebates' | 'products') =>
    JSON.stringify(values[key]) !== JSON.stringify(initial[key]);
  if (changed('tradeIns'))
    patch.tradeIns = values.tradeIns.map((t) => ({
      vin: opt(t.vin)?.toUpperCase() ?? null,
      year: optInt(t.year),
      make: opt(t.make),
      model: opt(t.model),
      mileage: optInt(t.mileage),
      allowance: t.allowance.trim(),
      actualCashValue: opt(t.actualCashValue),
      payoff: opt(t.payoff) ?? '0',
      lienholder: opt(t.lienholder),
    }));
  if (changed('rebates'))
    patch.rebates = values.rebates.map((r) => ({
      code: r.code.trim(),
      description: opt(r.description),
      amount: r.amount.trim(),
    }));
  if (changed('products'))
    patch.products = values.products.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      kind: p.kind,
      ...(opt(p.name) ? { name: p.name.trim() } : {}),
      price: p.price.trim(),
      ...(canSeeGross ? { cost: opt(p.cost) } : {}),
      termMonths: optInt(p.termMonths),
      termMiles: optInt(p.termMiles),
    }));
  return patch;
}

/** `input.tradeIns[0].payoff` (after the `input.` prefix is gone) → `tradeIns.0.payoff`, if on the form. */
export function dealFieldOf(serverPath: string): string | undefined {
  const path = serverPath.replace(/\[(\d+)\]/g, '.$1');
  if (
    /^(sellingPrice|accessories|dealerDiscount|docFee|titleFee|registrationFee|reconditioning|coBuyerId|vehicleId|salespersonId|salesManagerId|dealDate|buyerState|buyerZip)$/.test(
      path,
    )
  )
    return path;
  const item =
    /^(tradeIns|rebates|products)\.(\d+)(?:\.(\w+))?$/.exec(path) ??
    /^(tradeIns|rebates|products)$/.exec(path);
  if (!item) return undefined;
  const [, list, index, field] = item;
  if (index === undefined) return undefined;
  const fields: Record<string, object> = {
    tradeIns: EMPTY_TRADE_IN,
    rebates: EMPTY_REBATE,
    products: EMPTY_PRODUCT,
  };
  const first = list === 'tradeIns' ? 'allowance' : list === 'rebates' ? 'code' : 'price';
  return `${list}.${index}.${field && field in fields[list!]! ? field : first}`;
}
