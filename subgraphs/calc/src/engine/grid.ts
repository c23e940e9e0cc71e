// The payment grid ("four-square"): terms × down payments (finance) or terms × residual options
// (lease, one per mileage allowance). Work that no cell changes — the deal sheet and tax, the lease
// cap cost and tax treatment, the payment factor of each term — is done once.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { parseMoney, parseTermMonths, sum, type DecimalInput } from './money.ts';
import { buildDealSheet } from './deal-sheet.ts';
import { levelPayment, paymentFactor } from './amortization.ts';
import { amountFinancedFrom, parseFinanceTerms, type FinanceDealInput } from './finance.ts';
import { prepareLease, residualFrom, type LeaseDealInput, type PreparedLease } from './lease.ts';
import { priceLease } from './lease-pricing.ts';
import type { TaxFunctions } from './tax-functions.ts';

const MAX_AXIS = 12;

export interface FinanceGridInput extends Omit<FinanceDealInput, 'termMonths' | 'downPayment'> {
  terms: number[];
  downPayments: DecimalInput[];
  /** Lender rate sheets vary the rate by term: { 72: "6.49" } overrides `apr` for that row. */
  aprByTerm?: Record<number, DecimalInput>;
}

export interface FinanceGridCell {
  termMonths: number;
  downPayment: Decimal;
  amountFinanced: Decimal;
  monthlyPayment: Decimal;
}

export interface ResidualOption {
  /** What the column means to the buyer, e.g. "12,000 mi/yr". */
  label?: string;
  annualMileage?: number;
  residualPercent?: DecimalInput;
  residualValue?: DecimalInput;
  /** Residual tables vary by term: { 24: "0.64", 36: "0.58" } overrides residualPercent per row. */
  residualPercentByTerm?: Record<number, DecimalInput>;
}

export interface LeaseGridInput extends Omit<
  LeaseDealInput,
  'termMonths' | 'residualPercent' | 'residualValue'
> {
  terms: number[];
  residuals: ResidualOption[];
}

export interface LeaseGridCell {
  termMonths: number;
  label: string | null;
  annualMileage: number | null;
  residualValue: Decimal;
  basePayment: Decimal;
  monthlyTax: Decimal;
  totalMonthlyPayment: Decimal;
  dueAtSigning: Decimal;
}

export type PaymentGridInput =
  ({ kind: 'FINANCE' } & FinanceGridInput) | ({ kind: 'LEASE' } & LeaseGridInput);

export type PaymentGridResult =
  { kind: 'FINANCE'; cells: FinanceGridCell[][] } | { kind: 'LEASE'; cells: LeaseGridCell[][] };

/** cells[row][column]: one row per term, one column per down payment / residual option. */
export function paymentGrid(input: PaymentGridInput, tax: TaxFunctions): PaymentGridResult {
  if (input.kind === 'FINANCE') return { kind: 'FINANCE', cells: financeGrid(input, tax) };
  if (input.kind === 'LEASE') return { kind: 'LEASE', cells: leaseGrid(input, tax) };
  throw new CalcInputError('kind', 'kind must be FINANCE or LEASE');
}

function axis<T>(values: T[] | undefined, field: string): T[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_AXIS) {
    throw new CalcInputError(field, `${field} must list 1 to ${MAX_AXIS} values`);
  }
  return values;
}

export function financeGrid(input: FinanceGridInput, tax: TaxFunctions): FinanceGridCell[][] {
  const terms = axis(input.terms, 'terms').map((t, i) => parseTermMonths(t, `terms[${i}]`));
  const downs = axis(input.downPayments, 'downPayments').map((d, j) =>
    parseMoney(d, `downPayments[${j}]`),
  );
  if (input.balloonPayment !== undefined && input.balloonPayment !== null) {
    // A balloon is contract-specific (it usually follows the term); a grid would misquote it.
    throw new CalcInputError(
      'balloonPayment',
      'balloon contracts are quoted one by one, not in a grid',
    );
  }
  const sheet = buildDealSheet(input, input.dealDate ?? input.contractDate, tax);
  const financed = downs.map((down, j) => amountFinancedFrom(sheet, down, `downPayments[${j}]`));
  return terms.map((termMonths) => {
    const apr = input.aprByTerm?.[termMonths] ?? input.apr;
    const terms = parseFinanceTerms({ ...input, apr, termMonths }, `aprByTerm.${termMonths}`);
    const factor = paymentFactor(terms.rate, termMonths, terms.first);
    return downs.map((downPayment, j) => ({
      termMonths,
      downPayment,
      amountFinanced: financed[j]!,
      monthlyPayment: levelPayment(financed[j]!, factor),
    }));
  });
}

export function leaseGrid(input: LeaseGridInput, tax: TaxFunctions): LeaseGridCell[][] {
  const terms = axis(input.terms, 'terms').map((t, i) => parseTermMonths(t, `terms[${i}]`));
  const options = axis(input.residuals, 'residuals');
  const p = prepareLease({ ...input, termMonths: terms[0]!, residualPercent: undefined }, tax);
  const residualAt = (termMonths: number) => options.map((o, j) => residualOf(p, o, j, termMonths));
  const fixedAtSigning = sum([
    p.cashDown,
    p.upfrontFees,
    p.securityDeposit,
    ...p.governmentFees.map((f) => f.amount),
  ]);
  return terms.map((termMonths) =>
    residualAt(termMonths).map((residualValue, j) => {
      const { base, taxes, capitalizedTax } = priceLease(p, termMonths, residualValue);
      const totalMonthlyPayment = base.basePayment.plus(taxes.monthlyTax);
      return {
        termMonths,
        label: options[j]!.label ?? null,
        annualMileage: options[j]!.annualMileage ?? null,
        residualValue,
        basePayment: base.basePayment,
        monthlyTax: taxes.monthlyTax,
        totalMonthlyPayment,
        dueAtSigning: fixedAtSigning
          .plus(totalMonthlyPayment)
          .plus(taxes.upfrontTax.minus(capitalizedTax)),
      };
    }),
  );
}

/** A residual option's error names its place in the grid (residuals[1].residualPercent). */
function residualOf(
  p: PreparedLease,
  option: ResidualOption,
  j: number,
  termMonths: number,
): Decimal {
  const byTerm = option?.residualPercentByTerm?.[termMonths];
  try {
    if (byTerm !== undefined) return residualFrom(p, byTerm, undefined);
    return residualFrom(p, option?.residualPercent, option?.residualValue);
  } catch (error) {
    if (error instanceof CalcInputError && error.field.startsWith('residual')) {
      const field = byTerm !== undefined ? `residualPercentByTerm.${termMonths}` : error.field;
      throw new CalcInputError(`residuals[${j}].${field}`, error.message);
    }
    throw error;
  }
}
