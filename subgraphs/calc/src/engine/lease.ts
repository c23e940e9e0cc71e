// Closed-end vehicle lease: capitalized cost, residual, depreciation and rent charge, base and
// total monthly payment, tax by the state's method, due at signing, and the Regulation M
// (12 CFR 1013.4) disclosure values.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import {
  optionalMoney,
  parseFraction,
  parseMoney,
  parseTermMonths,
  positivePart,
  roundCents,
  sum,
  type DecimalInput,
} from './money.ts';
import { parseIsoDate } from './dates.ts';
import { governmentFees, validateState, type GovernmentFee } from './fees.ts';
import type { LeaseTaxAmounts } from './lease-tax.ts';
import { priceLease } from './lease-pricing.ts';
import { regulationM, type RegulationMDisclosure } from './regulation-m.ts';
import type { LeaseTaxTreatment, LocalRateLookup, ProviderRate } from './tax/types.ts';
import { locality } from './deal-sheet.ts';
import type { TaxFunctions } from './tax-functions.ts';

export interface LeaseDealInput {
  state: string;
  zip?: string;
  dealDate: string;
  taxExempt?: boolean;
  taxRateOverride?: DecimalInput;
  localRates?: LocalRateLookup;
  /** Lessee's county / city when the ZIP alone does not say; a rates provider's answer. */
  county?: string;
  city?: string;
  /** Not used for a lease's tax (it follows the lessee's address); accepted so inputs are alike. */
  dealerZip?: string;
  providerRate?: ProviderRate;
  providerNotice?: string;
  msrp: DecimalInput;
  /** Agreed-upon value of the vehicle. */
  sellingPrice: DecimalInput;
  /** Lessor fees rolled into the cap cost (acquisition fee, doc fee, ...). */
  capitalizedFees?: DecimalInput;
  /** Lessor fees paid at signing instead. */
  upfrontFees?: DecimalInput;
  cashDown?: DecimalInput;
  rebates?: DecimalInput;
  tradeInAllowance?: DecimalInput;
  tradeInPayoff?: DecimalInput;
  /** Residual as a fraction of MSRP ("0.57"); or give residualValue. */
  residualPercent?: DecimalInput;
  residualValue?: DecimalInput;
  moneyFactor: DecimalInput;
  termMonths: number;
  /** Refundable; not part of the cap cost. */
  securityDeposit?: DecimalInput;
  /** Charged at lease end if the lessee does not buy the vehicle (Reg M "other charges"). */
  dispositionFee?: DecimalInput;
  /** Roll the up-front lease tax into the cap cost instead of collecting it at signing. */
  capitalizeUpfrontTax?: boolean;
  titleFee?: DecimalInput;
  registrationFee?: DecimalInput;
  vehicleWeightLbs?: number;
  feeTier?: string;
}

export interface LeaseDealResult {
  grossCapCost: Decimal;
  capCostReduction: Decimal;
  adjustedCapCost: Decimal;
  residualValue: Decimal;
  depreciation: Decimal;
  /** Total rent charge over the term (Reg M: total of base payments − depreciation). */
  rentCharge: Decimal;
  monthlyDepreciation: Decimal;
  monthlyRentCharge: Decimal;
  basePayment: Decimal;
  monthlyTax: Decimal;
  totalMonthlyPayment: Decimal;
  /** Tax due up front by the state's method (paid at signing, or capitalized). */
  upfrontTax: Decimal;
  /** Part of the up-front tax rolled into the gross cap cost (capitalizeUpfrontTax). */
  capitalizedTax: Decimal;
  taxMethod: LeaseTaxTreatment['method'];
  taxes: LeaseTaxAmounts;
  governmentFees: GovernmentFee[];
  /** Cash the lessee brings: first payment, cash down, fees, deposit, up-front tax. */
  dueAtSigning: Decimal;
  totalOfPayments: Decimal;
  moneyFactor: Decimal;
  aprEquivalent: Decimal;
  regulationM: RegulationMDisclosure;
  notices: string[];
}

/** Everything that does not depend on the term or the residual: shared by the payment grid. */
export interface PreparedLease {
  msrp: Decimal;
  sellingPrice: Decimal;
  capitalizedFees: Decimal;
  upfrontFees: Decimal;
  cashDown: Decimal;
  rebates: Decimal;
  tradeInEquity: Decimal;
  grossCapCost: Decimal;
  capCostReduction: Decimal;
  adjustedCapCost: Decimal;
  moneyFactor: Decimal;
  securityDeposit: Decimal;
  dispositionFee: Decimal;
  capitalizeUpfrontTax: boolean;
  governmentFees: GovernmentFee[];
  treatment: LeaseTaxTreatment;
  notices: string[];
}

/** Money factor ↔ APR: the industry's "× 2400" (a rent charge on the average of cap cost and residual). */
export function moneyFactorToApr(moneyFactor: Decimal): Decimal {
  return moneyFactor.times(2400);
}
export function aprToMoneyFactor(aprPercent: Decimal): Decimal {
  return aprPercent.div(2400);
}

export function prepareLease(input: LeaseDealInput, tax: TaxFunctions): PreparedLease {
  const state = validateState(input.state);
  parseIsoDate(input.dealDate, 'dealDate');
  const msrp = positiveMoney(input.msrp, 'msrp');
  const sellingPrice = positiveMoney(input.sellingPrice, 'sellingPrice');
  const capitalizedFees = optionalMoney(input.capitalizedFees, 'capitalizedFees');
  const cashDown = optionalMoney(input.cashDown, 'cashDown');
  const rebates = optionalMoney(input.rebates, 'rebates');
  if (rebates.greaterThan(sellingPrice))
    throw new CalcInputError('rebates', 'rebates exceed the selling price');
  const tradeInEquity = optionalMoney(input.tradeInAllowance, 'tradeInAllowance').minus(
    optionalMoney(input.tradeInPayoff, 'tradeInPayoff'),
  );
  // Negative equity is rolled into the cap cost; positive equity reduces it.
  const grossCapCost = sum([sellingPrice, capitalizedFees, positivePart(tradeInEquity.negated())]);
  const capCostReduction = sum([cashDown, rebates, positivePart(tradeInEquity)]);
  const override = input.taxRateOverride;
  const treatment = tax.leaseTaxTreatment({
    state,
    zip: input.zip,
    dealDate: input.dealDate,
    taxExempt: input.taxExempt === true,
    taxRateOverride:
      override === undefined ? undefined : parseFraction(override, 'taxRateOverride'),
    localRates: input.localRates,
    ...locality(input),
  });
  const gov = governmentFees({ ...input, state });
  return {
    msrp,
    sellingPrice,
    capitalizedFees,
    upfrontFees: optionalMoney(input.upfrontFees, 'upfrontFees'),
    cashDown,
    rebates,
    tradeInEquity,
    grossCapCost,
    capCostReduction,
    adjustedCapCost: grossCapCost.minus(capCostReduction),
    moneyFactor: parseFraction(input.moneyFactor, 'moneyFactor', 100 / 2400),
    securityDeposit: optionalMoney(input.securityDeposit, 'securityDeposit'),
    dispositionFee: optionalMoney(input.dispositionFee, 'dispositionFee'),
    capitalizeUpfrontTax: input.capitalizeUpfrontTax === true,
    governmentFees: gov.fees,
    treatment,
    notices: [...gov.notices, ...treatment.notices],
  };
}

function positiveMoney(value: unknown, field: string): Decimal {
  const amount = parseMoney(value, field);
  if (amount.isZero()) throw new CalcInputError(field, `${field} must be greater than zero`);
  return amount;
}

/** Residual value in dollars, from a fraction of MSRP (rounded to the cent) or an amount. */
export function residualFrom(p: PreparedLease, percent: unknown, value: unknown): Decimal {
  const hasPercent = percent !== undefined && percent !== null;
  const hasValue = value !== undefined && value !== null;
  if (hasPercent === hasValue) {
    throw new CalcInputError(
      'residualPercent',
      'give exactly one of residualPercent or residualValue',
    );
  }
  const field = hasPercent ? 'residualPercent' : 'residualValue';
  const residual = hasPercent
    ? roundCents(p.msrp.times(parseFraction(percent, field, Number.MAX_SAFE_INTEGER)))
    : parseMoney(value, field);
  if (residual.greaterThan(p.msrp)) {
    const hint = hasPercent ? ' (residualPercent is a fraction: 0.57 for 57 %)' : '';
    throw new CalcInputError(field, `residual cannot exceed MSRP${hint}`);
  }
  if (residual.isZero()) throw new CalcInputError(field, 'residual must be greater than zero');
  if (!p.adjustedCapCost.greaterThan(residual)) {
    const culprit = p.cashDown.isZero() ? field : 'cashDown';
    throw new CalcInputError(
      culprit,
      'adjusted cap cost must exceed the residual (nothing to depreciate)',
    );
  }
  return residual;
}

export function leaseDeal(input: LeaseDealInput, tax: TaxFunctions): LeaseDealResult {
  const prepared = prepareLease(input, tax);
  const termMonths = parseTermMonths(input.termMonths, 'termMonths');
  const residualValue = residualFrom(prepared, input.residualPercent, input.residualValue);
  const { lease: p, base, taxes, capitalizedTax } = priceLease(prepared, termMonths, residualValue);
  const totalMonthlyPayment = base.basePayment.plus(taxes.monthlyTax);
  const governmentFeesTotal = sum(p.governmentFees.map((f) => f.amount));
  const upfrontTaxAtSigning = taxes.upfrontTax.minus(capitalizedTax);
  const dueAtSigning = sum([
    totalMonthlyPayment,
    p.cashDown,
    p.upfrontFees,
    governmentFeesTotal,
    p.securityDeposit,
    upfrontTaxAtSigning,
  ]);
  const regM = regulationM({
    p,
    termMonths,
    residualValue,
    base,
    monthlyTax: taxes.monthlyTax,
    upfrontTaxAtSigning,
    totalMonthlyPayment,
  });
  return {
    grossCapCost: p.grossCapCost,
    capCostReduction: p.capCostReduction,
    adjustedCapCost: p.adjustedCapCost,
    residualValue,
    depreciation: base.depreciation,
    rentCharge: regM.rentCharge,
    monthlyDepreciation: base.monthlyDepreciation,
    monthlyRentCharge: base.monthlyRentCharge,
    basePayment: base.basePayment,
    monthlyTax: taxes.monthlyTax,
    totalMonthlyPayment,
    upfrontTax: taxes.upfrontTax,
    capitalizedTax,
    taxMethod: p.treatment.method,
    taxes,
    governmentFees: p.governmentFees,
    dueAtSigning,
    totalOfPayments: regM.totalOfPayments,
    moneyFactor: p.moneyFactor,
    aprEquivalent: moneyFactorToApr(p.moneyFactor),
    regulationM: regM,
    notices: p.notices,
  };
}
