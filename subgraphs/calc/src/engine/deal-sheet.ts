// The purchase side shared by cash and finance deals: price, rebates, trade-in, fees, F&I
// products and tax, as signed line items (credits negative) whose sum is the balance the buyer owes
// before any down payment.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { optionalMoney, parseFraction, parseMoney, sum, type DecimalInput } from './money.ts';
import { parseIsoDate } from './dates.ts';
import { governmentFees, validateState, type GovernmentFee } from './fees.ts';
import type {
  LocalityInput,
  LocalRateLookup,
  ProviderRate,
  TaxQuote,
  TaxQuoteInput,
  VehicleCondition,
} from './tax/types.ts';
import type { TaxFunctions } from './tax-functions.ts';

export interface NamedAmount {
  name: string;
  amount: DecimalInput;
}

/** Fields every purchase (cash or finance) shares; the tax fields mirror TaxQuoteInput. */
export interface PurchaseInput {
  state: string;
  zip?: string;
  vehicleCondition: VehicleCondition;
  sellingPrice: DecimalInput;
  accessories?: DecimalInput;
  manufacturerRebate?: DecimalInput;
  dealerRebate?: DecimalInput;
  tradeInAllowance?: DecimalInput;
  tradeInPayoff?: DecimalInput;
  docFee?: DecimalInput;
  /** Government fees; when absent the state fee table is used (see fees-data.ts). */
  titleFee?: DecimalInput;
  registrationFee?: DecimalInput;
  vehicleWeightLbs?: number;
  feeTier?: string;
  otherFees?: NamedAmount[];
  /** F&I products. Service contract and GAP go to the tax engine; other products are not taxed. */
  serviceContract?: DecimalInput;
  gap?: DecimalInput;
  otherProducts?: NamedAmount[];
  taxExempt?: boolean;
  taxRateOverride?: DecimalInput;
  fairMarketValue?: DecimalInput;
  localRates?: LocalRateLookup;
  /** Buyer's county / city when the ZIP alone does not say (see the tax engine's LocalityInput). */
  county?: string;
  city?: string;
  /** The selling dealership's ZIP (dealer-located states: WA, IL, AZ). */
  dealerZip?: string;
  providerRate?: ProviderRate;
  providerNotice?: string;
}

export type LineCode =
  | 'SELLING_PRICE'
  | 'ACCESSORIES'
  | 'MANUFACTURER_REBATE'
  | 'DEALER_REBATE'
  | 'TRADE_IN_ALLOWANCE'
  | 'TRADE_IN_PAYOFF'
  | 'DOC_FEE'
  | 'TITLE_FEE'
  | 'REGISTRATION_FEE'
  | 'OTHER_FEE'
  | 'SERVICE_CONTRACT'
  | 'GAP'
  | 'OTHER_PRODUCT'
  | 'TAX'
  | 'DOWN_PAYMENT';

/** One line of the deal recap. Charges are positive, credits (rebates, trade, down) negative. */
export interface LineItem {
  code: LineCode;
  label: string;
  amount: Decimal;
}

export interface DealSheet {
  lines: LineItem[];
  cashPrice: Decimal;
  rebates: Decimal;
  /** Allowance − payoff; negative when the buyer owes more than the trade is worth. */
  tradeInEquity: Decimal;
  governmentFees: GovernmentFee[];
  feesTotal: Decimal;
  productsTotal: Decimal;
  tax: TaxQuote;
  /** Σ lines: what the buyer owes before any down payment. */
  balance: Decimal;
  notices: string[];
}

export function buildDealSheet(
  input: PurchaseInput,
  dealDate: string,
  tax: TaxFunctions,
): DealSheet {
  const state = validateState(input.state);
  parseIsoDate(dealDate, 'dealDate');
  const m = parsePurchaseMoney(input);
  const cashPrice = m.sellingPrice.plus(m.accessories);
  checkRebates(m.manufacturerRebate, m.dealerRebate, cashPrice);
  const gov = governmentFees({ ...input, state, dealDate });
  const otherFees = parseNamed(input.otherFees, 'otherFees');
  const otherProducts = parseNamed(input.otherProducts, 'otherProducts');
  const quote = tax.quoteTax(taxInput(input, m, state, dealDate));
  const prices = priceLines(m);
  const feesTotal = sum([
    m.docFee,
    ...gov.fees.map((f) => f.amount),
    ...otherFees.map((f) => f.amount),
  ]);
  const productsTotal = sum([m.serviceContract, m.gap, ...otherProducts.map((p) => p.amount)]);
  const lines = [
    ...prices,
    ...feeLines(m.docFee, gov.fees, otherFees),
    ...productLines(m.serviceContract, m.gap, otherProducts),
    line('TAX', 'Sales and use tax', quote.totalTax),
  ].filter((l) => !l.amount.isZero() || l.code === 'SELLING_PRICE');
  const notices = [...gov.notices, ...quote.notices];
  if (otherProducts.length > 0) notices.push('other F&I products are not taxed by the engine');
  return {
    lines,
    cashPrice,
    rebates: m.manufacturerRebate.plus(m.dealerRebate),
    tradeInEquity: m.tradeInAllowance.minus(m.tradeInPayoff),
    governmentFees: gov.fees,
    feesTotal,
    productsTotal,
    tax: quote,
    // Σ lines, from the subtotals (exact cents: the order of the additions does not matter).
    balance: sum([sum(prices.map((l) => l.amount)), feesTotal, productsTotal, quote.totalTax]),
    notices,
  };
}

type PurchaseMoney = ReturnType<typeof parsePurchaseMoney>;

function parsePurchaseMoney(input: PurchaseInput) {
  const sellingPrice = parseMoney(input.sellingPrice, 'sellingPrice');
  if (sellingPrice.isZero())
    throw new CalcInputError('sellingPrice', 'sellingPrice must be greater than zero');
  return {
    sellingPrice,
    accessories: optionalMoney(input.accessories, 'accessories'),
    manufacturerRebate: optionalMoney(input.manufacturerRebate, 'manufacturerRebate'),
    dealerRebate: optionalMoney(input.dealerRebate, 'dealerRebate'),
    tradeInAllowance: optionalMoney(input.tradeInAllowance, 'tradeInAllowance'),
    tradeInPayoff: optionalMoney(input.tradeInPayoff, 'tradeInPayoff'),
    docFee: optionalMoney(input.docFee, 'docFee'),
    serviceContract: optionalMoney(input.serviceContract, 'serviceContract'),
    gap: optionalMoney(input.gap, 'gap'),
  };
}

/** Rebates beyond the cash price would make the price negative: refuse, naming the rebate. */
export function checkRebates(manufacturer: Decimal, dealer: Decimal, price: Decimal): void {
  if (manufacturer.greaterThan(price)) {
    throw new CalcInputError('manufacturerRebate', 'manufacturerRebate exceeds the price');
  }
  if (manufacturer.plus(dealer).greaterThan(price)) {
    throw new CalcInputError('dealerRebate', 'rebates together exceed the price');
  }
}

function parseNamed(
  items: NamedAmount[] | undefined,
  field: string,
): { name: string; amount: Decimal }[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) throw new CalcInputError(field, `${field} must be a list`);
  return items.map((item, i) => {
    if (typeof item?.name !== 'string' || item.name.trim() === '') {
      throw new CalcInputError(`${field}[${i}].name`, 'name is required');
    }
    return { name: item.name, amount: parseMoney(item.amount, `${field}[${i}].amount`) };
  });
}

function taxInput(
  input: PurchaseInput,
  m: PurchaseMoney,
  state: string,
  dealDate: string,
): TaxQuoteInput {
  const override = input.taxRateOverride;
  const fmv = input.fairMarketValue;
  return {
    state,
    zip: input.zip,
    vehicleCondition: input.vehicleCondition,
    ...m,
    dealDate,
    taxExempt: input.taxExempt === true,
    taxRateOverride:
      override === undefined ? undefined : parseFraction(override, 'taxRateOverride'),
    fairMarketValue: fmv === undefined ? undefined : parseMoney(fmv, 'fairMarketValue'),
    localRates: input.localRates,
    ...locality(input),
  };
}

/** The locality fields the tax engine takes, only those given (so inputs stay comparable). */
export function locality(input: LocalityInput) {
  return {
    ...(input.county ? { county: input.county } : {}),
    ...(input.city ? { city: input.city } : {}),
    ...(input.dealerZip ? { dealerZip: input.dealerZip } : {}),
    ...(input.providerRate ? { providerRate: input.providerRate } : {}),
    ...(input.providerNotice ? { providerNotice: input.providerNotice } : {}),
  };
}

export function line(code: LineCode, label: string, amount: Decimal): LineItem {
  return { code, label, amount };
}

function priceLines(m: PurchaseMoney): LineItem[] {
  return [
    line('SELLING_PRICE', 'Selling price', m.sellingPrice),
    line('ACCESSORIES', 'Accessories', m.accessories),
    line('MANUFACTURER_REBATE', 'Manufacturer rebate', m.manufacturerRebate.negated()),
    line('DEALER_REBATE', 'Dealer rebate', m.dealerRebate.negated()),
    line('TRADE_IN_ALLOWANCE', 'Trade-in allowance', m.tradeInAllowance.negated()),
    line('TRADE_IN_PAYOFF', 'Trade-in payoff', m.tradeInPayoff),
  ];
}

function feeLines(
  docFee: Decimal,
  gov: GovernmentFee[],
  other: { name: string; amount: Decimal }[],
): LineItem[] {
  return [
    line('DOC_FEE', 'Documentation fee', docFee),
    ...gov.map((f) =>
      line(f.kind === 'TITLE' ? 'TITLE_FEE' : 'REGISTRATION_FEE', f.description, f.amount),
    ),
    ...other.map((f) => line('OTHER_FEE', f.name, f.amount)),
  ];
}

function productLines(
  service: Decimal,
  gap: Decimal,
  other: { name: string; amount: Decimal }[],
): LineItem[] {
  return [
    line('SERVICE_CONTRACT', 'Service contract', service),
    line('GAP', 'GAP waiver', gap),
    ...other.map((p) => line('OTHER_PRODUCT', p.name, p.amount)),
  ];
}
