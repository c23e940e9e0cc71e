// quoteTax: the vehicle sales tax of one deal, as lines a salesperson can explain. Named steps:
//   1. rules in force    — the state's rule version on the deal date;
//   2. read the deal     — amounts and vehicle facts checked, field by field (taxable-base.ts);
//   3. exempt / notices  — a tax-exempt sale stops here; the state's notices, the doc-fee cap;
//   4. taxable base      — from the state's flags (taxable-base.ts);
//   5. dealer override   — a dealership rate replaces state and local (sales-tax states);
//   6. state lines       — rate and reason, slices, minimum/maximum, extra levies (state-lines.ts);
//   7. local lines       — dealer table > shipped data > notice (state-lines.ts).
// Each line is rounded on its own.
import { CalcInputError } from '../errors.ts';
import { versionFor, type CompiledVersion } from './rules.ts';
import { extraStateLines, localLines, stateLines, type Vehicle } from './state-lines.ts';
import { line, sumLines } from './tax-lines.ts';
import { readAmounts, taxableBase, type Amounts, type Base } from './taxable-base.ts';
import type { TaxQuote, TaxQuoteInput } from './types.ts';
import { ZERO, checkZip, fmtMoney, fmtRate, isoDate, rate } from './validate.ts';

/** Step 2b: the vehicle's condition, weight and city MPG (the last two only some states use). */
function readVehicle(input: TaxQuoteInput): Vehicle {
  const cond = input.vehicleCondition;
  if (cond !== 'NEW' && cond !== 'USED')
    throw new CalcInputError('vehicleCondition', 'vehicleCondition must be NEW or USED');
  return { cond, weight: input.vehicleWeightLbs, mpg: input.vehicleCityMpg };
}

function checkVehicleFacts(car: Vehicle): void {
  const { weight, mpg } = car;
  if (
    weight !== undefined &&
    (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)
  ) {
    throw new CalcInputError('vehicleWeightLbs', 'vehicleWeightLbs must be a positive number');
  }
  if (mpg !== undefined && (typeof mpg !== 'number' || !Number.isFinite(mpg) || mpg <= 0)) {
    throw new CalcInputError('vehicleCityMpg', 'vehicleCityMpg must be a positive number');
  }
}

/** Step 3a: a tax-exempt sale, one zero line. */
function exemptQuote(v: CompiledVersion, notices: string[]): TaxQuote {
  notices.push(`sale marked tax-exempt: keep the exemption certificate with the deal`);
  const r = v.raw;
  return {
    taxableAmount: ZERO,
    totalTax: ZERO,
    lines: [
      line(v.state, 'STATE', ZERO, ZERO, `tax-exempt sale: no ${r.taxName} due`, v.source, ZERO),
    ],
    notices,
  };
}

/** Step 3b: what the state says about every such sale, and a doc fee above its cap. */
function stateNotices(v: CompiledVersion, car: Vehicle, a: Amounts, notices: string[]): void {
  for (const n of v.raw.notices ?? []) {
    if (!n.condition || n.condition === car.cond) notices.push(`${v.state}: ${n.text}`);
  }
  if (v.docFeeCap && a.doc.greaterThan(v.docFeeCap)) {
    notices.push(
      `doc fee ${fmtMoney(a.doc)} is above the ${v.state} cap of ${fmtMoney(v.docFeeCap)}`,
    );
  }
}

/** Step 5: the dealership's rate, where the regime allows one (null: quote by the rules). */
function overrideQuote(
  v: CompiledVersion,
  override: ReturnType<typeof rate>,
  base: Base,
  notices: string[],
): TaxQuote | null {
  if (!override) return null;
  const r = v.raw;
  const overridable = r.regime === 'SALES_TAX' || (r.regime === 'NONE' && r.local.applies);
  if (!overridable) {
    notices.push(`taxRateOverride ignored: ${r.taxName} is a special regime with its own rate`);
    return null;
  }
  const lines = [
    line(
      `${v.state} (dealership rate)`,
      'STATE',
      override,
      base.amount,
      `dealership rate override ${fmtRate(override)} replaces the state and local rates, on ${base.text}`,
      v.source,
      undefined,
      'DEALER_OVERRIDE',
    ),
  ];
  notices.push('taxRateOverride used: state and local rates (and local caps) were not applied');
  return { taxableAmount: base.amount, totalTax: sumLines(lines), lines, notices };
}

export function quoteTax(input: TaxQuoteInput): TaxQuote {
  if (!input || typeof input !== 'object')
    throw new CalcInputError('input', 'tax quote input is required');
  const date = isoDate(input.dealDate, 'dealDate');
  const v = versionFor(input.state, date);
  const car = readVehicle(input);
  const a = readAmounts(input);
  const override = rate(input.taxRateOverride, 'taxRateOverride');
  checkVehicleFacts(car);
  const zc = checkZip(input.zip, v.state);
  const notices: string[] = [];
  if (zc.notice) notices.push(zc.notice);
  if (input.taxExempt) return exemptQuote(v, notices);
  stateNotices(v, car, a, notices);
  const base = taxableBase(v, car.cond, a, notices);
  const overridden = overrideQuote(v, override, base, notices);
  if (overridden) return overridden;
  const lines = [
    ...stateLines(v, car, a, base, notices),
    ...extraStateLines(v, a, base.amount),
    ...localLines(v, zc, date, input, base.amount, notices),
  ];
  return { taxableAmount: base.amount, totalTax: sumLines(lines), lines, notices };
}
