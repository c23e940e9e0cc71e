// quoteTax: the vehicle sales tax of one deal, as lines a salesperson can explain. Steps: pick the
// rule version in force on the deal date; build the taxable base from the state's flags; apply the
// state regime (rate, weight band, luxury rate, flat first slice, min/max, single-article slice);
// add local lines (dealer table > shipped data > notice). Each line is rounded on its own.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from '../errors.ts';
import { localRates } from './local.ts';
import { versionFor, type CompiledVersion } from './rules.ts';
import type {
  TaxLine,
  TaxLineKind,
  TaxLineOrigin,
  TaxQuote,
  TaxQuoteInput,
  VehicleCondition,
} from './types.ts';
import { ZERO, checkZip, fmtMoney, fmtRate, isoDate, money, rate, roundCents } from './validate.ts';

interface Base {
  amount: Decimal;
  /** "price $30000.00 + doc fee $499.00 − trade-in $10000.00 (full credit)" */
  text: string;
}

function tradeCredit(
  v: CompiledVersion,
  cond: VehicleCondition,
  allowance: Decimal,
): [Decimal, string] {
  if (allowance.isZero()) return [ZERO, ''];
  const t = v.raw.tradeIn;
  switch (t.kind) {
    case 'FULL':
      return [allowance, 'full credit'];
    case 'NONE':
      return [ZERO, 'no trade-in credit in this state'];
    case 'CAPPED':
      return allowance.greaterThan(v.tradeCap!)
        ? [v.tradeCap!, `credit capped at ${fmtMoney(v.tradeCap!)}`]
        : [allowance, `credit cap ${fmtMoney(v.tradeCap!)} not reached`];
    case 'NEW_ONLY':
      return cond === 'NEW'
        ? [allowance, 'credit on new vehicles']
        : [ZERO, 'credit only on new vehicles — none on this used one'];
    case 'USED_ONLY':
      return cond === 'USED'
        ? [allowance, 'credit on used vehicles']
        : [ZERO, 'credit only on used vehicles — none on this new one'];
  }
}

interface Amounts {
  price: Decimal;
  acc: Decimal;
  doc: Decimal;
  sc: Decimal;
  gap: Decimal;
  mfr: Decimal;
  dealer: Decimal;
  allowance: Decimal;
  payoff: Decimal;
  fmv: Decimal | undefined;
}

function taxableBase(
  v: CompiledVersion,
  cond: VehicleCondition,
  a: Amounts,
  notices: string[],
): Base {
  const r = v.raw;
  const parts: string[] = [];
  let amount: Decimal;
  if (r.valueBasis === 'GREATER_OF_PRICE_AND_FMV') {
    // Georgia TAVT: new = greater of (price + accessories + doc fee) and the assessment-manual
    // value; used = the assessment-manual value. Both less trade-in; new also less dealer rebates.
    const retail = a.price.plus(a.acc).plus(a.doc);
    if (a.fmv === undefined) {
      notices.push(
        `${v.state} ${r.taxName}: fair market (assessment-manual) value not given; the selling price was used`,
      );
    }
    if (cond === 'NEW') {
      amount = a.fmv && a.fmv.greaterThan(retail) ? a.fmv : retail;
      parts.push(
        a.fmv && a.fmv.greaterThan(retail)
          ? `assessment value ${fmtMoney(a.fmv)}`
          : `retail price incl. fees ${fmtMoney(retail)}`,
      );
      if (!a.dealer.isZero()) {
        amount = amount.minus(a.dealer);
        parts.push(`− dealer rebate ${fmtMoney(a.dealer)}`);
      }
      if (!a.mfr.isZero()) {
        parts.push(`(manufacturer rebate ${fmtMoney(a.mfr)} not deducted: taxable here)`);
      }
    } else {
      amount = a.fmv ?? retail;
      parts.push(`${a.fmv ? 'assessment value' : 'retail price'} ${fmtMoney(amount)}`);
    }
  } else {
    amount = a.price;
    parts.push(`price ${fmtMoney(a.price)}`);
    const excluded: string[] = [];
    // A plain loop rather than a per-call closure: this runs on every quote.
    const addOns: ReadonlyArray<readonly [boolean, Decimal, string]> = [
      [r.accessoriesTaxable, a.acc, 'accessories'],
      [r.docFee.taxable, a.doc, 'doc fee'],
      [r.serviceContractTaxable, a.sc, 'service contract'],
      [r.gapTaxable, a.gap, 'GAP'],
    ];
    for (const [flag, x, label] of addOns) {
      if (x.isZero()) continue;
      if (flag) {
        amount = amount.plus(x);
        parts.push(`+ ${label} ${fmtMoney(x)}`);
      } else excluded.push(label);
    }
    if (excluded.length > 0) parts.push(`(not taxed here: ${excluded.join(', ')})`);
    if (!r.manufacturerRebateTaxable && !a.mfr.isZero()) {
      amount = amount.minus(a.mfr);
      parts.push(`− manufacturer rebate ${fmtMoney(a.mfr)}`);
    } else if (!a.mfr.isZero()) {
      parts.push(`(manufacturer rebate ${fmtMoney(a.mfr)} not deducted: taxable here)`);
    }
    if (!r.dealerRebateTaxable && !a.dealer.isZero()) {
      amount = amount.minus(a.dealer);
      parts.push(`− dealer rebate ${fmtMoney(a.dealer)}`);
    }
    if (r.negativeEquityTaxable && a.payoff.greaterThan(a.allowance)) {
      const neg = a.payoff.minus(a.allowance);
      amount = amount.plus(neg);
      parts.push(`+ negative equity ${fmtMoney(neg)}`);
    }
  }
  const [credit, why] = tradeCredit(v, cond, a.allowance);
  if (!credit.isZero()) {
    amount = amount.minus(credit);
    parts.push(`− trade-in ${fmtMoney(credit)} (${why})`);
  } else if (why) parts.push(`(trade-in: ${why})`);
  if (amount.isNegative()) amount = ZERO;
  return { amount, text: parts.join(' ') };
}

function line(
  jurisdiction: string,
  kind: TaxLineKind,
  r: Decimal,
  base: Decimal,
  rule: string,
  source: string,
  amount?: Decimal,
  origin: TaxLineOrigin = 'STATE_RULE',
): TaxLine {
  return {
    jurisdiction,
    kind,
    rate: r,
    base,
    amount: amount ?? roundCents(base.times(r)),
    rule,
    source,
    origin,
  };
}

/** Weight-banded (and MPG-refined) rate; unknown weight/MPG fall back to a typical car (4,000 lb,
 *  21 MPG city) with a notice, so the quote still shows a number the desk can correct. */
function weightRate(
  v: CompiledVersion,
  weight: number | undefined,
  mpg: number | undefined,
  notices: string[],
): Decimal {
  const w = weight ?? 4000;
  if (weight === undefined)
    notices.push(`${v.state}: curb weight not given; a 4,000 lb vehicle was assumed`);
  const band = v.weightBands!.find((b) => w >= b.minLbs && w < b.maxLbs)!;
  if (!band.byMpg) return band.rate;
  const m = mpg ?? 21;
  if (mpg === undefined) notices.push(`${v.state}: city MPG not given; 21 MPG was assumed`);
  const col = Math.floor(m);
  return (band.byMpg.find((x) => col >= x.minMpg) ?? band.byMpg[band.byMpg.length - 1]!).rate;
}

function sumLines(lines: TaxLine[]): Decimal {
  let t = ZERO;
  for (const l of lines) t = t.plus(l.amount);
  return t;
}

export function quoteTax(input: TaxQuoteInput): TaxQuote {
  if (!input || typeof input !== 'object')
    throw new CalcInputError('input', 'tax quote input is required');
  const date = isoDate(input.dealDate, 'dealDate');
  const v = versionFor(input.state, date);
  const state = v.state;
  const r = v.raw;
  const cond = input.vehicleCondition;
  if (cond !== 'NEW' && cond !== 'USED')
    throw new CalcInputError('vehicleCondition', 'vehicleCondition must be NEW or USED');
  const a: Amounts = {
    price: money(input.sellingPrice, 'sellingPrice', true),
    acc: money(input.accessories, 'accessories'),
    doc: money(input.docFee, 'docFee'),
    sc: money(input.serviceContract, 'serviceContract'),
    gap: money(input.gap, 'gap'),
    mfr: money(input.manufacturerRebate, 'manufacturerRebate'),
    dealer: money(input.dealerRebate, 'dealerRebate'),
    allowance: money(input.tradeInAllowance, 'tradeInAllowance'),
    payoff: money(input.tradeInPayoff, 'tradeInPayoff'),
    fmv:
      input.fairMarketValue === undefined
        ? undefined
        : money(input.fairMarketValue, 'fairMarketValue'),
  };
  const rebateRoom = a.price.plus(a.acc);
  if (a.mfr.greaterThan(rebateRoom))
    throw new CalcInputError('manufacturerRebate', 'manufacturer rebate exceeds the selling price');
  if (a.mfr.plus(a.dealer).greaterThan(rebateRoom))
    throw new CalcInputError('dealerRebate', 'rebates exceed the selling price');
  const override = rate(input.taxRateOverride, 'taxRateOverride');
  const weight = input.vehicleWeightLbs;
  if (
    weight !== undefined &&
    (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)
  ) {
    throw new CalcInputError('vehicleWeightLbs', 'vehicleWeightLbs must be a positive number');
  }
  const mpg = input.vehicleCityMpg;
  if (mpg !== undefined && (typeof mpg !== 'number' || !Number.isFinite(mpg) || mpg <= 0)) {
    throw new CalcInputError('vehicleCityMpg', 'vehicleCityMpg must be a positive number');
  }
  const zc = checkZip(input.zip, state);
  const notices: string[] = [];
  if (zc.notice) notices.push(zc.notice);

  if (input.taxExempt) {
    notices.push(`sale marked tax-exempt: keep the exemption certificate with the deal`);
    return {
      taxableAmount: ZERO,
      totalTax: ZERO,
      lines: [
        line(state, 'STATE', ZERO, ZERO, `tax-exempt sale: no ${r.taxName} due`, v.source, ZERO),
      ],
      notices,
    };
  }

  for (const n of r.notices ?? []) {
    if (!n.condition || n.condition === cond) notices.push(`${state}: ${n.text}`);
  }
  if (v.docFeeCap && a.doc.greaterThan(v.docFeeCap)) {
    notices.push(
      `doc fee ${fmtMoney(a.doc)} is above the ${state} cap of ${fmtMoney(v.docFeeCap)}`,
    );
  }
  const base = taxableBase(v, cond, a, notices);
  const B = base.amount;
  const lines: TaxLine[] = [];

  const overridable = r.regime === 'SALES_TAX' || (r.regime === 'NONE' && r.local.applies);
  if (override && overridable) {
    lines.push(
      line(
        `${state} (dealership rate)`,
        'STATE',
        override,
        B,
        `dealership rate override ${fmtRate(override)} replaces the state and local rates, on ${base.text}`,
        v.source,
        undefined,
        'DEALER_OVERRIDE',
      ),
    );
    notices.push('taxRateOverride used: state and local rates (and local caps) were not applied');
    return { taxableAmount: B, totalTax: sumLines(lines), lines, notices };
  }
  if (override)
    notices.push(`taxRateOverride ignored: ${r.taxName} is a special regime with its own rate`);

  // --- state (or in-lieu) tax ---
  const kind: TaxLineKind = r.regime === 'SALES_TAX' || r.regime === 'NONE' ? 'STATE' : 'SPECIAL';
  let stRate = v.stateRate;
  let why = `${fmtRate(stRate)} of ${base.text}`;
  if (v.weightBands) {
    stRate = weightRate(v, weight, mpg, notices);
    why = `${fmtRate(stRate)} (${weight ?? 'assumed 4000'} lb${v.weightBands[0]!.byMpg ? `, ${mpg ?? 'assumed 21'} MPG city` : ''}) of ${base.text}`;
  }
  // CT: the luxury rate applies when the price with taxable add-ons (not warranties) exceeds the
  // threshold; service contracts stay at the regular rate on their own line.
  let regularRatePart = ZERO;
  if (v.highValue) {
    const gross = a.price
      .plus(r.accessoriesTaxable ? a.acc : ZERO)
      .plus(r.docFee.taxable ? a.doc : ZERO);
    if (gross.greaterThan(v.highValue.threshold)) {
      if (r.serviceContractTaxable && !a.sc.isZero()) {
        regularRatePart = a.sc.greaterThan(B) ? B : a.sc;
      }
      why = `${fmtRate(v.highValue.rate)} because the price with add-ons exceeds ${fmtMoney(v.highValue.threshold)}${regularRatePart.isZero() ? '' : ' (service contract at the regular rate)'}, of ${base.text}`;
      stRate = v.highValue.rate;
    }
  }
  if (r.onlyCondition && r.onlyCondition !== cond) {
    stRate = ZERO;
    why = `${r.taxName} applies only to ${r.onlyCondition.toLowerCase()} vehicles`;
  }
  if (r.regime === 'NONE') why = r.summary;
  let mainBase = B.minus(regularRatePart);
  if (!regularRatePart.isZero()) {
    lines.push(
      line(
        state,
        kind,
        v.stateRate,
        regularRatePart,
        `${r.taxName}: service contract taxed at the regular ${fmtRate(v.stateRate)}`,
        v.source,
      ),
    );
  }
  if (v.flatFirst && (v.flatFirst.condition === 'ANY' || v.flatFirst.condition === cond)) {
    const first = B.lessThan(v.flatFirst.upTo) ? B : v.flatFirst.upTo;
    lines.push(
      line(
        state,
        kind,
        ZERO,
        first,
        `${r.taxName}: flat ${fmtMoney(v.flatFirst.amount)} on the first ${fmtMoney(v.flatFirst.upTo)} (${cond.toLowerCase()} vehicle)`,
        v.source,
        B.isZero() ? ZERO : v.flatFirst.amount,
      ),
    );
    mainBase = B.minus(first);
    why = `${fmtRate(stRate)} of the value above ${fmtMoney(v.flatFirst.upTo)}; base ${base.text}`;
  }
  let stAmount = roundCents(mainBase.times(stRate));
  if (v.minimumTax && stAmount.lessThan(v.minimumTax)) {
    stAmount = v.minimumTax;
    why += `; minimum tax ${fmtMoney(v.minimumTax)} applies`;
  }
  if (v.maximumTax && stAmount.greaterThan(v.maximumTax)) {
    stAmount = v.maximumTax;
    why += `; capped at the ${fmtMoney(v.maximumTax)} maximum`;
  }
  lines.push(line(state, kind, stRate, mainBase, `${r.taxName}: ${why}`, v.source, stAmount));
  if (v.slice) {
    const over = B.minus(v.slice.from);
    const width = v.slice.to.minus(v.slice.from);
    const sliceBase = over.isNegative() ? ZERO : over.greaterThan(width) ? width : over;
    lines.push(line(state, 'STATE', v.slice.rate, sliceBase, v.slice.label, v.source));
  }
  if (v.excess) {
    // Measured on the gross price (trade-in added back), not on the taxable base.
    const gross = a.price.plus(a.acc);
    if (gross.greaterThan(v.excess.threshold)) {
      const over = gross.minus(v.excess.threshold);
      lines.push(
        line(
          state,
          'STATE',
          v.excess.rate,
          over,
          `${v.excess.label}: ${fmtRate(v.excess.rate)} of the price above ${fmtMoney(v.excess.threshold)}`,
          v.excess.source,
        ),
      );
    }
  }
  if (v.additional) {
    lines.push(
      line(
        state,
        'STATE',
        v.additional.rate,
        B,
        `${v.additional.name}: ${fmtRate(v.additional.rate)} of ${fmtMoney(B)}`,
        v.additional.source,
      ),
    );
  }

  // --- local ---
  const locals = localRates(
    v,
    zc.zip,
    zc.place,
    date,
    input.localRates,
    notices,
    r.local.applies,
    input,
  );
  if (locals.length > 0) {
    const cap = v.localBaseCap;
    const localBase = cap && B.greaterThan(cap) ? cap : B;
    const capText = cap ? ` (local tax only on the first ${fmtMoney(cap)})` : '';
    for (const l of locals) {
      lines.push(
        line(
          l.jurisdiction,
          l.kind,
          l.rate,
          localBase,
          `${l.rule}${capText}`,
          l.source,
          undefined,
          l.origin,
        ),
      );
    }
  }
  return { taxableAmount: B, totalTax: sumLines(lines), lines, notices };
}
