// Public types of the tax part of the calc engine. The finance/lease/cash parts depend only on
// these; the rules, data and computation behind them live beside this file.
// Named import: under NodeNext the default import of decimal.js's CJS typings is the namespace.
import type { Decimal } from 'decimal.js';

export type VehicleCondition = 'NEW' | 'USED';
export type TaxLineKind = 'STATE' | 'COUNTY' | 'CITY' | 'DISTRICT' | 'SPECIAL';

/** One dealership-supplied local rate (imported CSV row or override). Rates are fractions. */
export interface LocalRateRow {
  state: string;
  zip: string;
  region?: string;
  combinedRate: Decimal;
  stateRate?: Decimal;
  countyRate?: Decimal;
  cityRate?: Decimal;
  specialRate?: Decimal;
}

/** Where local rates come from when the engine is asked (dealership overrides first). */
export interface LocalRateLookup {
  find(state: string, zip: string): LocalRateRow | undefined;
}

/** A local rate answered by a rates provider (TaxJar, Avalara) for the deal's address. */
export interface ProviderRate extends LocalRateRow {
  /** Provider name as shown on the line ("TaxJar"). */
  provider: string;
  /** ISO date-time the provider answered (a cached answer keeps its first time). */
  fetchedAt: string;
  /** true when the provider could not be reached and an older answer was used. */
  stale?: boolean;
}

/**
 * Where the tax is due, beyond the ZIP. The engine takes the ZIP's main county and its postal city
 * by default (and says so); a deal that knows better names them. Names as the state spells them,
 * with or without "County"/"Parish" ("Cuyahoga", "Milwaukee County").
 */
export interface LocalityInput {
  county?: string;
  city?: string;
  /** The selling dealership's ZIP: the locality in states where a vehicle's local tax follows the
   *  dealer's location (WA, IL, AZ); ignored elsewhere. */
  dealerZip?: string;
  /** The configured rates provider's answer for this address, when there is one. */
  providerRate?: ProviderRate;
  /** Why there is no provider answer though one is configured ("TaxJar did not answer ..."). */
  providerNotice?: string;
}

/**
 * Which layer a tax line's rate came from, in order of precedence: the dealership's own rate
 * (override or its rate table), a rates provider, the engine's shipped local table, the state rule.
 */
export type TaxLineOrigin = 'DEALER_OVERRIDE' | 'PROVIDER' | 'SHIPPED_TABLE' | 'STATE_RULE';

export interface TaxQuoteInput extends LocalityInput {
  state: string;
  zip?: string;
  vehicleCondition: VehicleCondition;
  sellingPrice: Decimal;
  accessories?: Decimal;
  tradeInAllowance?: Decimal;
  tradeInPayoff?: Decimal;
  manufacturerRebate?: Decimal;
  dealerRebate?: Decimal;
  docFee?: Decimal;
  serviceContract?: Decimal;
  gap?: Decimal;
  /** ISO date (YYYY-MM-DD): selects the rule in effect that day. */
  dealDate: string;
  taxExempt?: boolean;
  /** Combined rate replacing state + local percentage (special regimes ignore it). */
  taxRateOverride?: Decimal;
  /** Fair market value for regimes taxed on value (Georgia TAVT); defaults to selling price. */
  fairMarketValue?: Decimal;
  localRates?: LocalRateLookup;
  /** Curb weight in pounds, for weight-banded regimes (District of Columbia excise). */
  vehicleWeightLbs?: number;
  /** EPA city fuel economy (MPG), for regimes rated by fuel economy (District of Columbia excise). */
  vehicleCityMpg?: number;
}

export interface TaxLine {
  jurisdiction: string;
  kind: TaxLineKind;
  rate: Decimal;
  base: Decimal;
  amount: Decimal;
  /** Human sentence: which rule applied ("trade-in credit: full", "FL surtax on first $5,000"). */
  rule: string;
  /** URL of the statute / DOR page the rule comes from (or the provider / dealership table). */
  source: string;
  /** Which layer the rate came from (dealer override → provider → shipped table → state rule). */
  origin: TaxLineOrigin;
}

export interface TaxQuote {
  taxableAmount: Decimal;
  totalTax: Decimal;
  lines: TaxLine[];
  /** Things the salesperson must know: "no local rate known for ZIP 12345; local tax not included". */
  notices: string[];
}

export type LeaseTaxMethod = 'MONTHLY_PAYMENT' | 'UPFRONT_TOTAL_PAYMENTS' | 'UPFRONT_PRICE';

export interface LeaseTaxInput extends LocalityInput {
  state: string;
  zip?: string;
  dealDate: string;
  taxExempt?: boolean;
  taxRateOverride?: Decimal;
  localRates?: LocalRateLookup;
}

/** How a state taxes a lease, with the combined rate that applies at the given place and date. */
export interface LeaseTaxTreatment {
  method: LeaseTaxMethod;
  /** Combined fraction (state + local, or the override). */
  rate: Decimal;
  /** Whether a cash/rebate cap cost reduction is taxed up front. */
  capCostReductionTaxed: boolean;
  /** Whether the doc/acquisition fees are taxed up front. */
  feesTaxed: boolean;
  /** Rate lines (base/amount filled by the lease computation). */
  lines: Array<Omit<TaxLine, 'base' | 'amount'>>;
  notices: string[];
  rule: string;
  source: string;
}
