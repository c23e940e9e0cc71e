// The schema of the tax rules table. Rules are DATA: one record per jurisdiction (50 states + DC),
// each a list of dated versions, so a deal dated 2021 is taxed by 2021's rule. Money and rates are
// strings in the data (exact, JSON-friendly, readable in review) and become Decimals once, at module
// load, in rules.ts. `validateRules` (used by the tests and at load) checks every record is complete.
import type { LeaseTaxMethod } from './types.ts';

/**
 * How a state taxes the sale:
 * SALES_TAX  - ordinary sales/use tax on the price (may have local add-ons).
 * NONE       - no state tax on vehicle sales (local taxes may still exist, e.g. Alaska).
 * TAVT       - Georgia title ad valorem tax on fair market value (greater of price and book value).
 * HUT        - North Carolina highway use tax (3% in lieu of sales tax).
 * PRIVILEGE  - a titling/privilege tax in lieu of sales tax (WV, OR new-vehicle privilege tax).
 * EXCISE     - a motor-vehicle excise / titling / usage / document fee in lieu of sales tax
 *              (OK, KY, MD, DE, NM, SD, ND, IA, VA MVSUT, SC IMF, DC, ...).
 */
export type TaxRegime = 'SALES_TAX' | 'NONE' | 'TAVT' | 'HUT' | 'PRIVILEGE' | 'EXCISE';

/** Trade-in credit: FULL (allowance deducted), NONE, CAPPED (deduct at most `cap` dollars),
 *  NEW_ONLY / USED_ONLY (credit only when the vehicle bought is new / used). */
export type TradeInCredit =
  | { kind: 'FULL' }
  | { kind: 'NONE' }
  | { kind: 'CAPPED'; cap: string }
  | { kind: 'NEW_ONLY' }
  | { kind: 'USED_ONLY' };

export interface LocalTaxRule {
  /** Whether counties/cities/districts may add their own rate on vehicle sales. */
  applies: boolean;
  /** Local rate applies only to the first `baseCap` dollars of the price (FL $5,000, TN $1,600). */
  baseCap?: string;
  /** Part of a rate table's "local" rate that this state's vehicle rate already includes (CA's
   *  1.25% uniform local rate is in the 7.25% statewide rate), netted out of dealer table rows. */
  includedInStateRate?: string;
  note: string;
}

/** A second state rate on a slice of the base (Tennessee state single-article tax). */
export interface StateSliceTax {
  rate: string;
  from: string;
  to: string;
  label: string;
}

/** Flat amount replacing the percentage on the first `upTo` dollars (Oklahoma used-vehicle excise). */
export interface FlatFirstSlice {
  amount: string;
  upTo: string;
  condition: 'NEW' | 'USED' | 'ANY';
}

/** An additional state-level tax levied on top of the main one (e.g. Oklahoma 1.25% sales tax). */
export interface AdditionalStateTax {
  name: string;
  rate: string;
  sources: string[];
}

/** Rate by curb weight (District of Columbia excise). Bands are [minLbs, maxLbs) with their rate;
 *  `byMpg` (DC from 2021-02-01) refines the rate by EPA city MPG: the first entry whose `minMpg` the
 *  vehicle reaches, scanning from the highest. */
export interface WeightBand {
  minLbs: number;
  maxLbs?: number;
  rate: string;
  byMpg?: Array<{ minMpg: number; rate: string }>;
}

/** A sentence added to every quote under this version (for rules the engine does not compute). */
export interface RuleNotice {
  text: string;
  condition?: 'NEW' | 'USED';
}

export interface LeaseRule {
  method: LeaseTaxMethod;
  /** Whether a cash/rebate cap cost reduction is taxed up front. */
  capCostReductionTaxed: boolean;
  /** Whether doc/acquisition fees are taxed up front. */
  feesTaxed: boolean;
  /** State rate on leases when it differs from the sale rate (AL 1.5%, PA 6% + 3% lease tax). */
  stateRate?: string;
  /** Whether local rates apply to leases when that differs from sales (MN: MVST has no local
   *  add-on but leases pay general sales tax, local included). */
  localApplies?: boolean;
  note: string;
  sources: string[];
}

export interface StateRuleVersion {
  /** First day (ISO) the version applies. */
  effectiveFrom: string;
  /** Last day (ISO, inclusive); absent = still in force. */
  effectiveTo?: string;
  regime: TaxRegime;
  /** Name of the tax as the state calls it ("Motor Vehicle Sales and Use Tax"). */
  taxName: string;
  /** State rate on motor vehicles, fraction. "0" for NONE. */
  stateRate: string;
  /** Overrides stateRate by curb weight (DC); the engine needs `vehicleWeightLbs`. */
  weightBands?: WeightBand[];
  /** Whole price taxed at `rate` when the selling price exceeds `threshold` (CT luxury rate). */
  highValue?: { threshold: string; rate: string };
  /** The state tax applies only to this condition (Oregon privilege tax: new vehicles only). */
  onlyCondition?: 'NEW' | 'USED';
  stateSlice?: StateSliceTax;
  /** A further state tax on the part of the gross price (before trade-in credit) above a threshold
   *  (Washington's 8% tax on vehicles above $100,000 from 2026). */
  excess?: { rate: string; threshold: string; label: string; sources: string[] };
  flatFirst?: FlatFirstSlice;
  additional?: AdditionalStateTax;
  local: LocalTaxRule;
  tradeIn: TradeInCredit;
  /** true = the manufacturer rebate does NOT reduce the taxable price (tax is on the pre-rebate price). */
  manufacturerRebateTaxable: boolean;
  /** true = the dealer rebate/discount does NOT reduce the taxable price. */
  dealerRebateTaxable: boolean;
  docFee: { taxable: boolean; cap?: string; capNote?: string };
  serviceContractTaxable: boolean;
  gapTaxable: boolean;
  accessoriesTaxable: boolean;
  /** Whether negative equity (payoff above allowance) rolled into the deal is in the base. */
  negativeEquityTaxable: boolean;
  /** Minimum state tax in dollars (Virginia $75). */
  minimumTax?: string;
  /** Maximum state tax in dollars (South Carolina IMF $500). */
  maximumTax?: string;
  /** TAVT-style base: greater of the price and the fair market (book) value. */
  valueBasis?: 'PRICE' | 'GREATER_OF_PRICE_AND_FMV';
  lease: LeaseRule;
  /** Said with every quote under this version (rules not computed, pending bills, ...). */
  notices?: RuleNotice[];
  /** One sentence a salesperson can read out ("6.25% of price less full trade-in credit"). */
  summary: string;
  /** Statute / DOR URLs this version rests on (at least one). */
  sources: string[];
  /**
   * true when the figures were checked against the cited source while writing the table;
   * false when the statute is cited but a figure is from secondary material or assumed
   * (the `assumptions` list then says what).
   */
  verified: boolean;
  assumptions?: string[];
}

export interface StateTaxRecord {
  state: string;
  name: string;
  versions: StateRuleVersion[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const NUM = /^\d+(\.\d+)?$/;
const URL_RE = /^https?:\/\/\S+$/;

/** Problems in a record (empty when complete). Kept beside the schema so both change together. */
export function validateRecord(rec: StateTaxRecord): string[] {
  const errs: string[] = [];
  const at = (i: number, msg: string) => errs.push(`${rec.state} v${i}: ${msg}`);
  if (!/^[A-Z]{2}$/.test(rec.state)) errs.push(`bad state code ${rec.state}`);
  if (!rec.name) errs.push(`${rec.state}: name missing`);
  if (rec.versions.length === 0) errs.push(`${rec.state}: no versions`);
  rec.versions.forEach((v, i) => {
    if (!ISO.test(v.effectiveFrom)) at(i, 'effectiveFrom not ISO');
    if (v.effectiveTo !== undefined && !ISO.test(v.effectiveTo)) at(i, 'effectiveTo not ISO');
    if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) at(i, 'ends before start');
    const next = rec.versions[i + 1];
    if (next) {
      if (v.effectiveTo === undefined) at(i, 'open-ended version is not the last');
      else if (next.effectiveFrom <= v.effectiveTo) at(i, 'overlaps the next version');
    }
    if (!NUM.test(v.stateRate) || Number(v.stateRate) >= 0.2) at(i, 'stateRate not a fraction');
    if (v.regime === 'NONE' && Number(v.stateRate) !== 0) at(i, 'NONE regime with a rate');
    if (!v.taxName) at(i, 'taxName missing');
    if (!v.summary) at(i, 'summary missing');
    if (v.sources.length === 0 || !v.sources.every((s) => URL_RE.test(s))) at(i, 'sources');
    if (v.lease.sources.length === 0 || !v.lease.sources.every((s) => URL_RE.test(s)))
      at(i, 'lease sources');
    if (!v.lease.note) at(i, 'lease note missing');
    if (!v.local.note) at(i, 'local note missing');
    if (v.tradeIn.kind === 'CAPPED' && !NUM.test(v.tradeIn.cap)) at(i, 'trade-in cap');
    for (const [k, val] of Object.entries({
      docFeeCap: v.docFee.cap,
      localBaseCap: v.local.baseCap,
      minimumTax: v.minimumTax,
      maximumTax: v.maximumTax,
      leaseRate: v.lease.stateRate,
    })) {
      if (val !== undefined && !NUM.test(val)) at(i, `${k} not a number`);
    }
    for (const b of [
      'manufacturerRebateTaxable',
      'dealerRebateTaxable',
      'serviceContractTaxable',
      'gapTaxable',
      'accessoriesTaxable',
      'negativeEquityTaxable',
      'verified',
    ] as const) {
      if (typeof v[b] !== 'boolean') at(i, `${b} missing`);
    }
    if (typeof v.docFee.taxable !== 'boolean') at(i, 'docFee.taxable missing');
    if (!v.verified && (!v.assumptions || v.assumptions.length === 0))
      at(i, 'unverified version must list its assumptions');
  });
  return errs;
}
