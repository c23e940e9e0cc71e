// The one mapping from a desked deal to the engine's input. The deals subgraph computes and stores
// every scenario with it, and the web's instant grids compute with it in the browser, so the two
// cannot drift. Values may be decimal.js objects or the GraphQL Decimal strings; the result is plain
// JSON (money as cent strings) that is stored with the scenario and can be run again as is.
import { Decimal } from 'decimal.js';
import type { CashDealInput } from './cash.ts';
import type { NamedAmount } from './deal-sheet.ts';
import type { FinanceDealInput } from './finance.ts';
import type { LeaseDealInput } from './lease.ts';
import { TableLocalRateLookup } from './tax/csv.ts';
import type { LocalRateLookup } from './tax/types.ts';

type Amount = Decimal | string;

/** The deal fields the engine input is built from (the deal's terms, as stored or as GraphQL gives them). */
export interface DealForEngine {
  buyerState: string;
  buyerZip?: string | null;
  /** The selling dealership's ZIP: the local-tax locality where it follows the dealer (WA, IL, AZ). */
  dealerZip?: string | null;
  dealDate: string;
  vehicleCondition: 'NEW' | 'USED';
  msrp?: Amount | null;
  sellingPrice: Amount;
  accessories: Amount;
  dealerDiscount: Amount;
  rebates: readonly { amount: Amount }[];
  docFee: Amount;
  titleFee?: Amount | null;
  registrationFee?: Amount | null;
  tradeIns: readonly { allowance: Amount; payoff: Amount }[];
  products: readonly { kind: string; name: string; price: Amount }[];
}

export interface FinanceTermsForEngine {
  apr: Amount;
  termMonths: number;
  downPayment: Amount;
  firstPaymentDate?: string | null;
}

export interface LeaseTermsForEngine {
  moneyFactor: Amount;
  /** Residual as a fraction of MSRP (0.58). */
  residualRate?: Amount | null;
  residualValue?: Amount | null;
  termMonths: number;
  cashDown: Amount;
  acquisitionFee: Amount;
}

export type ScenarioForEngine =
  | { kind: 'CASH' }
  | { kind: 'FINANCE'; finance: FinanceTermsForEngine }
  | { kind: 'LEASE'; lease: LeaseTermsForEngine };

/**
 * The dealership's own local rate for the deal's place, as JSON (fractions as strings): what the calc
 * API's taxQuote would apply for the same state and ZIP. Stored inside the engine input.
 */
export interface DealLocalRate {
  state: string;
  zip: string;
  region?: string | null;
  combinedRate: string;
  stateRate?: string | null;
  countyRate?: string | null;
  cityRate?: string | null;
  specialRate?: string | null;
}

/** The engine input of one scenario, JSON-safe, with the dealership rate it was computed at. */
export type DealEngineInput = (CashDealInput | FinanceDealInput | LeaseDealInput) & {
  localRate?: DealLocalRate;
};

/** Products the tax engine prices on their own line (taxed by the state's rule). */
export const TAXED_PRODUCT_KINDS: ReadonlySet<string> = new Set(['SERVICE_CONTRACT', 'GAP']);

const dec = (v: Amount) => new Decimal(v);
const cents = (v: Amount) => dec(v).toFixed(2);
const total = (values: readonly Amount[]) =>
  values.reduce<Decimal>((a, b) => a.plus(dec(b)), new Decimal(0));

/** The mapping's own input errors (the deal lacks what a scenario needs); `field` names it. */
export class DealMappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function place(d: DealForEngine) {
  return {
    state: d.buyerState,
    ...(d.buyerZip ? { zip: d.buyerZip } : {}),
    ...(d.dealerZip ? { dealerZip: d.dealerZip } : {}),
  };
}

function fees(d: DealForEngine) {
  return {
    ...(d.titleFee ? { titleFee: cents(d.titleFee) } : {}),
    ...(d.registrationFee ? { registrationFee: cents(d.registrationFee) } : {}),
  };
}

/** The purchase side shared by cash and finance scenarios. */
export function purchaseInput(d: DealForEngine) {
  const products = (kind: string) =>
    total(d.products.filter((p) => p.kind === kind).map((p) => p.price));
  const others: NamedAmount[] = d.products
    .filter((p) => !TAXED_PRODUCT_KINDS.has(p.kind))
    .map((p) => ({ name: p.name, amount: cents(p.price) }));
  return {
    ...place(d),
    vehicleCondition: d.vehicleCondition,
    sellingPrice: cents(d.sellingPrice),
    accessories: cents(d.accessories),
    manufacturerRebate: cents(total(d.rebates.map((r) => r.amount))),
    dealerRebate: cents(d.dealerDiscount),
    tradeInAllowance: cents(total(d.tradeIns.map((t) => t.allowance))),
    tradeInPayoff: cents(total(d.tradeIns.map((t) => t.payoff))),
    docFee: cents(d.docFee),
    ...fees(d),
    serviceContract: cents(products('SERVICE_CONTRACT')),
    gap: cents(products('GAP')),
    ...(others.length > 0 ? { otherProducts: others } : {}),
  };
}

/**
 * The exact engine input for one scenario of the deal. `localRate`: the dealership's own rate for
 * the deal's state and ZIP, when it has one (it wins over the shipped data, as in taxQuote).
 */
export function dealEngineInput(
  d: DealForEngine,
  s: ScenarioForEngine,
  localRate?: DealLocalRate | null,
): DealEngineInput {
  const rate = localRate ? { localRate } : {};
  if (s.kind === 'CASH') {
    return { ...purchaseInput(d), dealDate: d.dealDate, ...rate } satisfies CashDealInput;
  }
  if (s.kind === 'FINANCE') {
    const f = s.finance;
    return {
      ...purchaseInput(d),
      dealDate: d.dealDate,
      contractDate: d.dealDate,
      apr: dec(f.apr).toFixed(),
      termMonths: f.termMonths,
      downPayment: cents(f.downPayment),
      ...(f.firstPaymentDate ? { firstPaymentDate: f.firstPaymentDate } : {}),
      ...rate,
    } satisfies FinanceDealInput;
  }
  const l = s.lease;
  if (!d.msrp) {
    throw new DealMappingError(
      'msrp',
      'A lease needs the vehicle MSRP (the residual is a share of it).',
    );
  }
  const productsTotal = total(d.products.map((p) => p.price));
  return {
    ...place(d),
    dealDate: d.dealDate,
    msrp: cents(d.msrp),
    sellingPrice: cents(dec(d.sellingPrice).plus(dec(d.accessories)).minus(dec(d.dealerDiscount))),
    capitalizedFees: cents(dec(d.docFee).plus(dec(l.acquisitionFee)).plus(productsTotal)),
    cashDown: cents(l.cashDown),
    rebates: cents(total(d.rebates.map((r) => r.amount))),
    tradeInAllowance: cents(total(d.tradeIns.map((t) => t.allowance))),
    tradeInPayoff: cents(total(d.tradeIns.map((t) => t.payoff))),
    ...(l.residualRate ? { residualPercent: dec(l.residualRate).toFixed() } : {}),
    ...(l.residualValue ? { residualValue: cents(l.residualValue) } : {}),
    moneyFactor: dec(l.moneyFactor).toFixed(),
    termMonths: l.termMonths,
    ...fees(d),
    ...rate,
  } satisfies LeaseDealInput;
}

const optRate = (v: string | null | undefined) =>
  v == null || v === '' ? undefined : new Decimal(v);

/** The lookup the engine takes for a stored `localRate` (undefined: the shipped data only). */
export function localRateLookup(
  localRate: DealLocalRate | null | undefined,
): LocalRateLookup | undefined {
  if (!localRate) return undefined;
  return new TableLocalRateLookup([
    {
      state: localRate.state,
      zip: localRate.zip,
      ...(localRate.region ? { region: localRate.region } : {}),
      combinedRate: new Decimal(localRate.combinedRate),
      stateRate: optRate(localRate.stateRate),
      countyRate: optRate(localRate.countyRate),
      cityRate: optRate(localRate.cityRate),
      specialRate: optRate(localRate.specialRate),
    },
  ]);
}

/** A stored engine input as the engine functions take it (the dealership rate as a lookup). */
export function withLocalRates<T extends { localRate?: DealLocalRate }>(
  input: T,
): Omit<T, 'localRate'> & { localRates?: LocalRateLookup } {
  const { localRate, ...rest } = input;
  const localRates = localRateLookup(localRate);
  return localRates ? { ...rest, localRates } : rest;
}
