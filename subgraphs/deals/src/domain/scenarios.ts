// Scenario arithmetic: the deal's terms become one calc-engine input per scenario; the engine's
// result is stored as JSON exactly as returned (Decimals as strings). Nothing here rounds or adds
// numbers of its own except the dealer reserve, which the engine does not know about.
import { Decimal } from 'decimal.js';
import {
  cashDeal,
  dealEngineInput,
  financeDeal,
  leaseDeal,
  moneyFactorToApr,
  paymentGrid,
  stateTaxRules,
  withLocalRates,
  type CashDealInput,
  type DealEngineInput,
  type FinanceDealInput,
  type LeaseDealInput,
  type LeaseGridInput,
} from '@autolytiq/calc';
import { badInput, withInputErrors } from '@autolytiq/kit/core';
import { ZERO } from './money.ts';
import type {
  DealTerms,
  FinanceTermsRecord,
  LeaseTermsRecord,
  ProductKind,
  ScenarioKind,
  StoredJson,
} from './records.ts';

export interface ScenarioTerms {
  kind: ScenarioKind;
  finance: FinanceTermsRecord | null;
  lease: LeaseTermsRecord | null;
}

export interface Computed {
  calcInput: StoredJson;
  result: StoredJson;
  reserve: Decimal;
}

export interface GridView {
  apr: Decimal;
  rows: {
    termMonths: number;
    cells: { downPayment: Decimal; amountFinanced: Decimal; monthlyPayment: Decimal }[];
  }[];
}

/** What the lease grid is computed at (besides the terms and cash downs). */
export interface LeaseGridTerms {
  moneyFactor: Decimal;
  residualPercent: Decimal | null;
  residualValue: Decimal | null;
  milesPerYear: number | null;
  acquisitionFee: Decimal;
}

export interface LeaseGridView extends LeaseGridTerms {
  aprEquivalent: Decimal;
  rows: {
    termMonths: number;
    cells: {
      cashDown: Decimal;
      residualValue: Decimal;
      basePayment: Decimal;
      monthlyTax: Decimal;
      monthlyPayment: Decimal;
      cashDueAtSigning: Decimal;
      /** Deprecated name of cashDueAtSigning. */
      dueAtSigning: Decimal;
    }[];
  }[];
}

/** The engine's limit per grid axis (terms, down payments, residual options). */
export const GRID_AXIS_MAX = 12;

const TAXED_BY_RULE: Partial<Record<ProductKind, 'serviceContractTaxable' | 'gapTaxable'>> = {
  SERVICE_CONTRACT: 'serviceContractTaxable',
  GAP: 'gapTaxable',
};

/** The calc engine's rule version in force for the deal's state and date (BAD_USER_INPUT if unknown). */
export function rulesFor(state: string, dealDate: string) {
  return calcGuard(() => stateTaxRules(state, dealDate).current, 'buyerState');
}

export function docFeeCap(state: string, dealDate: string): Decimal | null {
  const cap = rulesFor(state, dealDate).docFee.cap;
  return cap === undefined ? null : new Decimal(cap);
}

export function productTaxedByState(kind: ProductKind, state: string, dealDate: string): boolean {
  const rule = TAXED_BY_RULE[kind];
  return rule ? rulesFor(state, dealDate)[rule] : false;
}

/**
 * Builds the exact engine input for one scenario of the deal: calc's one mapping (the web's grid uses
 * the same), at the dealership's local rate the deal carries.
 */
export function calcInputFor(d: DealTerms, s: ScenarioTerms): StoredJson {
  return calcGuard(() => {
    if (s.kind === 'CASH') return dealEngineInput(d, { kind: 'CASH' }, d.localRate);
    if (s.kind === 'FINANCE') {
      if (!s.finance) throw badInput('input.finance', 'A FINANCE scenario needs finance terms.');
      return dealEngineInput(d, { kind: 'FINANCE', finance: s.finance }, d.localRate);
    }
    const l = s.lease;
    if (!l) throw badInput('input.lease', 'A LEASE scenario needs lease terms.');
    return dealEngineInput(
      d,
      { kind: 'LEASE', lease: { ...l, residualRate: l.residualPercent } },
      d.localRate,
    );
  }) as unknown as StoredJson;
}

/** Runs the engine on a stored input; the JSON of the result is what gets stored and compared. */
export function runCalc(kind: ScenarioKind, stored: StoredJson): StoredJson {
  return calcGuard(() => {
    const input = withLocalRates(stored as unknown as DealEngineInput);
    const result =
      kind === 'CASH'
        ? cashDeal(input as CashDealInput)
        : kind === 'FINANCE'
          ? financeDeal(input as FinanceDealInput)
          : leaseDeal(input as LeaseDealInput);
    return JSON.parse(JSON.stringify(result)) as StoredJson;
  });
}

/**
 * Computes one scenario. Reserve: the lender pays the dealer a share of the finance charge that the
 * rate markup adds (finance charge at the contract rate − at the buy rate), rounded to cents.
 */
export function computeScenario(d: DealTerms, s: ScenarioTerms, reserveShare: Decimal): Computed {
  const calcInput = calcInputFor(d, s);
  const result = runCalc(s.kind, calcInput);
  let reserve = ZERO;
  const f = s.finance;
  if (s.kind === 'FINANCE' && f?.buyRate && f.apr.greaterThan(f.buyRate)) {
    const atBuy = runCalc('FINANCE', { ...calcInput, apr: f.buyRate.toFixed() });
    const markupCharge = new Decimal(result.financeCharge as string).minus(
      new Decimal(atBuy.financeCharge as string),
    );
    reserve = markupCharge.times(reserveShare).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }
  return { calcInput, result, reserve };
}

/** The finance four-square for the deal at one APR. */
export function dealPaymentGrid(
  d: DealTerms,
  apr: Decimal,
  terms: number[],
  downPayments: string[],
  firstPaymentDate: string | null,
): GridView {
  const base = calcInputFor(d, {
    kind: 'FINANCE',
    finance: {
      lender: null,
      apr,
      buyRate: null,
      rateMarkup: null,
      termMonths: terms[0] ?? 60,
      downPayment: ZERO,
      firstPaymentDate,
    },
    lease: null,
  }) as unknown as DealEngineInput & FinanceDealInput;
  const grid = calcGuard(() =>
    paymentGrid({ ...withLocalRates(base), kind: 'FINANCE', terms, downPayments }),
  );
  if (grid.kind !== 'FINANCE') throw new Error('unexpected grid kind');
  return {
    apr,
    rows: grid.cells.map((row, i) => ({ termMonths: terms[i]!, cells: row })),
  };
}

/**
 * The lease four-square for the deal: terms × cash downs. The engine's lease grid varies the term and
 * the residual over one cap cost, so each cash-down column is one engine call on exactly the input a
 * LEASE scenario with that cash down would get (calcInputFor), residual and miles as its one option.
 */
export function dealLeaseGrid(
  d: DealTerms,
  t: LeaseGridTerms,
  terms: number[],
  cashDowns: Decimal[],
): LeaseGridView {
  if (cashDowns.length === 0 || cashDowns.length > GRID_AXIS_MAX) {
    throw badInput('cashDowns', `cashDowns must list 1 to ${GRID_AXIS_MAX} values`);
  }
  const columns = cashDowns.map((cashDown, j) => {
    const full = calcInputFor(d, {
      kind: 'LEASE',
      finance: null,
      lease: { lender: null, ...t, termMonths: terms[0] ?? 36, cashDown },
    }) as unknown as DealEngineInput & LeaseDealInput;
    const { termMonths: _t, residualPercent, residualValue, ...base } = withLocalRates(full);
    const input: LeaseGridInput = {
      ...base,
      terms,
      residuals: [
        {
          ...(residualPercent !== undefined ? { residualPercent } : {}),
          ...(residualValue !== undefined ? { residualValue } : {}),
          ...(t.milesPerYear !== null ? { annualMileage: t.milesPerYear } : {}),
        },
      ],
    };
    const grid = withInputErrors(
      () => paymentGrid({ ...input, kind: 'LEASE' }),
      (field) => leaseGridField(field, j),
    );
    if (grid.kind !== 'LEASE') throw new Error('unexpected grid kind');
    return grid.cells;
  });
  return {
    ...t,
    aprEquivalent: moneyFactorToApr(t.moneyFactor),
    rows: terms.map((termMonths, i) => ({
      termMonths,
      cells: columns.map((cells, j) => {
        const c = cells[i]![0]!;
        return {
          cashDown: cashDowns[j]!,
          residualValue: c.residualValue,
          basePayment: c.basePayment,
          monthlyTax: c.monthlyTax,
          monthlyPayment: c.totalMonthlyPayment,
          cashDueAtSigning: c.dueAtSigning,
          dueAtSigning: c.dueAtSigning,
        };
      }),
    })),
  };
}

/** The engine's field for a grid column → the argument the caller gave. */
function leaseGridField(field: string, column: number): string {
  if (field === 'cashDown') return `cashDowns[${column}]`;
  const residual = /^residuals\[0\]\.(residualPercent|residualValue)$/.exec(field);
  return residual ? residual[1]! : field;
}

/** Calc-engine input errors become BAD_USER_INPUT naming the engine's field (or `field`). */
export function calcGuard<T>(fn: () => T, field?: string): T {
  return withInputErrors(fn, field === undefined ? undefined : () => field);
}
