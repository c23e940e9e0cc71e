// Steps 4–5 of quoteTax: the state (or in-lieu) tax lines — rate and its reason, the regular-rate
// and flat-first slices, the minimum/maximum, then the single-article slice, the excess and the
// additional state levies — and the local lines (dealer table > shipped data > notice).
import type { Decimal } from 'decimal.js';
import { localRates } from './local.ts';
import type { CompiledVersion } from './rules.ts';
import { line, weightRate } from './tax-lines.ts';
import type { Amounts, Base } from './taxable-base.ts';
import type { TaxLine, TaxLineKind, TaxQuoteInput, VehicleCondition } from './types.ts';
import type { ZipCheck } from './validate.ts';
import { ZERO, fmtMoney, fmtRate, roundCents } from './validate.ts';

export interface Vehicle {
  cond: VehicleCondition;
  weight: number | undefined;
  mpg: number | undefined;
}

interface StateRate {
  rate: Decimal;
  why: string;
  /** CT: the part taxed at the regular rate (a service contract) when the luxury rate applies. */
  regularRatePart: Decimal;
}

/** The state rate for this vehicle and why: weight band, luxury threshold, condition-only taxes. */
function stateRate(
  v: CompiledVersion,
  car: Vehicle,
  a: Amounts,
  base: Base,
  notices: string[],
): StateRate {
  const r = v.raw;
  let rate = v.stateRate;
  let why = `${fmtRate(rate)} of ${base.text}`;
  if (v.weightBands) {
    rate = weightRate(v, car.weight, car.mpg, notices);
    why = `${fmtRate(rate)} (${car.weight ?? 'assumed 4000'} lb${v.weightBands[0]!.byMpg ? `, ${car.mpg ?? 'assumed 21'} MPG city` : ''}) of ${base.text}`;
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
        regularRatePart = a.sc.greaterThan(base.amount) ? base.amount : a.sc;
      }
      why = `${fmtRate(v.highValue.rate)} because the price with add-ons exceeds ${fmtMoney(v.highValue.threshold)}${regularRatePart.isZero() ? '' : ' (service contract at the regular rate)'}, of ${base.text}`;
      rate = v.highValue.rate;
    }
  }
  if (r.onlyCondition && r.onlyCondition !== car.cond) {
    rate = ZERO;
    why = `${r.taxName} applies only to ${r.onlyCondition.toLowerCase()} vehicles`;
  }
  if (r.regime === 'NONE') why = r.summary;
  return { rate, why, regularRatePart };
}

/** The state (or in-lieu) tax: its main line and the slices before it. */
export function stateLines(
  v: CompiledVersion,
  car: Vehicle,
  a: Amounts,
  base: Base,
  notices: string[],
): TaxLine[] {
  const r = v.raw;
  const state = v.state;
  const B = base.amount;
  const lines: TaxLine[] = [];
  const kind: TaxLineKind = r.regime === 'SALES_TAX' || r.regime === 'NONE' ? 'STATE' : 'SPECIAL';
  const chosen = stateRate(v, car, a, base, notices);
  const stRate = chosen.rate;
  let why = chosen.why;
  let mainBase = B.minus(chosen.regularRatePart);
  if (!chosen.regularRatePart.isZero()) {
    lines.push(
      line(
        state,
        kind,
        v.stateRate,
        chosen.regularRatePart,
        `${r.taxName}: service contract taxed at the regular ${fmtRate(v.stateRate)}`,
        v.source,
      ),
    );
  }
  if (v.flatFirst && (v.flatFirst.condition === 'ANY' || v.flatFirst.condition === car.cond)) {
    const first = B.lessThan(v.flatFirst.upTo) ? B : v.flatFirst.upTo;
    lines.push(
      line(
        state,
        kind,
        ZERO,
        first,
        `${r.taxName}: flat ${fmtMoney(v.flatFirst.amount)} on the first ${fmtMoney(v.flatFirst.upTo)} (${car.cond.toLowerCase()} vehicle)`,
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
  return lines;
}

/** Further state levies: the single-article slice, the excess over a threshold, an additional tax. */
export function extraStateLines(v: CompiledVersion, a: Amounts, B: Decimal): TaxLine[] {
  const state = v.state;
  const lines: TaxLine[] = [];
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
  return lines;
}

/** The local lines on the (possibly capped) base. */
export function localLines(
  v: CompiledVersion,
  zc: ZipCheck,
  date: string,
  input: TaxQuoteInput,
  B: Decimal,
  notices: string[],
): TaxLine[] {
  const locals = localRates(
    v,
    zc.zip,
    zc.place,
    date,
    input.localRates,
    notices,
    v.raw.local.applies,
    input,
  );
  if (locals.length === 0) return [];
  const cap = v.localBaseCap;
  const localBase = cap && B.greaterThan(cap) ? cap : B;
  const capText = cap ? ` (local tax only on the first ${fmtMoney(cap)})` : '';
  return locals.map((l) =>
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
