// The payment grid ("four-square"): terms × down payments (finance) or terms × residual options
// (lease, one per mileage allowance). Work that no cell changes — the deal sheet and tax, the lease
// cap cost and tax treatment, the payment factor of each term — is done once.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { parseMoney, parseTermMonths, sum, type DecimalInput } from './money.ts';
import { buildDealSheet } from './deal-sheet.ts';
import { levelPayment, paymentFactor } from './amortization.ts';
import { amountFinancedFrom, parseFinanceTerms, type FinanceDealInput } from './finance.ts';
import {
  basePaymentFor,
  leaseTaxFor,
  prepareLease,
  residualFrom,
  type LeaseDealInput,
  type PreparedLease,
} from './lease.ts';
import type { TaxFunctions } from './tax-functions.ts';

const MAX_AXIS = 12;

export interface FinanceGridInput extends Omit<FinanceDealInput, 'termMonths' | 'downPayment'> {
  terms: number[];
  downPayments: DecimalInput[];
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
  const sheet = buildDealSheet(input, input.dealDate ?? input.contractDate, tax);
  const financed = downs.map((down, j) => amountFinancedFrom(sheet, down, `downPayments[${j}]`));
  return terms.map((termMonths) => {
    const terms = parseFinanceTerms({ ...input, termMonths });
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
  const residuals = options.map((o, j) => residualOf(p, o, j));
  const fixedAtSigning = sum([
    p.cashDown,
    p.upfrontFees,
    p.securityDeposit,
    ...p.governmentFees.map((f) => f.amount),
  ]);
  return terms.map((termMonths) =>
    residuals.map((residualValue, j) => {
      const { basePayment } = basePaymentFor(p, termMonths, residualValue);
      const taxes = leaseTaxFor(p, termMonths, basePayment);
      const totalMonthlyPayment = basePayment.plus(taxes.monthlyTax);
      return {
        termMonths,
        label: options[j]!.label ?? null,
        annualMileage: options[j]!.annualMileage ?? null,
        residualValue,
        basePayment,
        monthlyTax: taxes.monthlyTax,
        totalMonthlyPayment,
        dueAtSigning: fixedAtSigning.plus(totalMonthlyPayment).plus(taxes.upfrontTax),
      };
    }),
  );
}

/** A residual option's error names its place in the grid (residuals[1].residualPercent). */
function residualOf(p: PreparedLease, option: ResidualOption, j: number): Decimal {
  try {
    return residualFrom(p, option?.residualPercent, option?.residualValue);
  } catch (error) {
    if (error instanceof CalcInputError && error.field.startsWith('residual')) {
      throw new CalcInputError(`residuals[${j}].${error.field}`, error.message);
    }
    throw error;
  }
}
