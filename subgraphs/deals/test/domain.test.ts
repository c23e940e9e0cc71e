// Pure domain rules: the state machine, gross profit, the doc-fee cap and the calc mapping.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { financeDeal, type FinanceDealInput } from '@autolytiq/calc';
import { grossProfit } from '../src/domain/gross.ts';
import { leaseGrid as leaseGridArgs } from '../src/domain/inputs.ts';
import type { DealStatus, LeaseTermsRecord } from '../src/domain/records.ts';
import {
  calcInputFor,
  computeScenario,
  dealLeaseGrid,
  dealPaymentGrid,
  docFeeCap,
  runCalc,
} from '../src/domain/scenarios.ts';
import { deal } from './fixtures.ts';
import {
  allowedTransitions,
  assertEditable,
  checkTransition,
  TRANSITIONS,
  type Transition,
} from '../src/domain/state-machine.ts';

const d = (s: string) => new Decimal(s);

describe('state machine', () => {
  it('lists the moves the issue allows from every state', () => {
    const expected: Record<DealStatus, DealStatus[]> = {
      DRAFT: ['SUBMITTED', 'CANCELLED'],
      SUBMITTED: ['APPROVED', 'REJECTED', 'CANCELLED'],
      APPROVED: ['IN_FINANCE', 'CANCELLED'],
      IN_FINANCE: ['CONTRACTED', 'CANCELLED'],
      CONTRACTED: ['DELIVERED', 'CANCELLED'],
      DELIVERED: ['UNWOUND'],
      REJECTED: ['DRAFT', 'CANCELLED'],
      CANCELLED: [],
      UNWOUND: [],
    };
    for (const [from, to] of Object.entries(expected)) {
      expect(allowedTransitions(from as DealStatus), from).toEqual(to);
    }
  });

  it('an illegal move is BAD_USER_INPUT naming the current state and the allowed ones', () => {
    try {
      checkTransition('deliver', 'SUBMITTED');
      expect.unreachable();
    } catch (e) {
      const err = e as { message: string; extensions: Record<string, unknown> };
      expect(err.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        currentStatus: 'SUBMITTED',
        allowedTransitions: ['APPROVED', 'REJECTED', 'CANCELLED'],
      });
      expect(err.message).toContain('SUBMITTED');
      expect(err.message).toContain('DELIVERED');
    }
  });

  it('approve, reject and unwind need deals.approve; contract and deliver deals.finance; the rest deals.write', () => {
    const byPermission = Object.entries(TRANSITIONS).map(([name, r]) => [name, r.permission]);
    expect(Object.fromEntries(byPermission)).toMatchObject({
      approve: 'deals.approve',
      reject: 'deals.approve',
      unwind: 'deals.approve',
      submit: 'deals.write',
      sendToFinance: 'deals.write',
      cancel: 'deals.write',
      contract: 'deals.finance',
      deliver: 'deals.finance',
    });
  });

  it('vehicle side effects: hold on approval, sold on delivery, release on cancel/unwind', () => {
    const effects = Object.fromEntries(
      (Object.keys(TRANSITIONS) as Transition[]).map((t) => [
        t,
        TRANSITIONS[t].vehicleStatus ?? null,
      ]),
    );
    expect(effects).toEqual({
      submit: null,
      approve: 'ON_HOLD',
      reject: null,
      reopen: null,
      sendToFinance: null,
      contract: null,
      deliver: 'SOLD',
      cancel: 'AVAILABLE',
      unwind: 'AVAILABLE',
    });
  });

  it('edits: DRAFT/REJECTED edit as DRAFT, approved numbers go back through SUBMITTED, contracted is frozen', () => {
    expect(assertEditable('DRAFT')).toBe('DRAFT');
    expect(assertEditable('REJECTED')).toBe('DRAFT');
    expect(assertEditable('APPROVED')).toBe('SUBMITTED');
    expect(assertEditable('IN_FINANCE')).toBe('SUBMITTED');
    for (const s of ['CONTRACTED', 'DELIVERED', 'CANCELLED', 'UNWOUND'] as const) {
      expect(() => assertEditable(s)).toThrow(/cannot be changed/);
    }
  });
});

describe('gross profit', () => {
  it('front: price + accessories − discount − cost − recon − over-allowance; back: reserve + margins', () => {
    const g = grossProfit(deal(), d('1000'));
    // 30000 + 500 − 1000 − 26000 − 250 − (9000 − 8000) = 2250
    expect(g.frontGross?.toFixed(2)).toBe('2250.00');
    expect(g.tradeOverAllowance.toFixed(2)).toBe('1000.00');
    // (2000 − 900) + (800 − 300) + (500 − 0) = 2100; no scenario → no reserve
    expect(g.productMargin.toFixed(2)).toBe('2100.00');
    expect(g.backGross.toFixed(2)).toBe('2100.00');
    expect(g.totalGross?.toFixed(2)).toBe('4350.00');
    expect(g.isLowGross).toBe(false);
  });

  it('below the threshold, or with the cost unknown, the deal is low gross', () => {
    expect(grossProfit(deal(), d('2250.01')).isLowGross).toBe(true);
    const unknown = grossProfit(deal({ vehicleCost: null }), d('0'));
    expect(unknown.frontGross).toBeNull();
    expect(unknown.isLowGross).toBe(true);
  });
});

describe('doc fee cap and calc mapping', () => {
  it('reads the state cap from the calc rules; an unknown state is refused', () => {
    const ca = docFeeCap('CA', '2026-11-20');
    expect(ca).not.toBeNull();
    expect(ca!.greaterThan(0)).toBe(true);
    expect(() => docFeeCap('ZZ', '2026-11-20')).toThrow();
  });

  it('maps the deal to the engine: rebates, discount, trade, products by kind', () => {
    const input = calcInputFor(deal(), { kind: 'CASH', finance: null, lease: null });
    expect(input).toMatchObject({
      state: 'TX',
      sellingPrice: '30000.00',
      accessories: '500.00',
      manufacturerRebate: '750.00',
      dealerRebate: '1000.00',
      tradeInAllowance: '9000.00',
      tradeInPayoff: '4000.00',
      docFee: '150.00',
      serviceContract: '2000.00',
      gap: '800.00',
      otherProducts: [{ name: 'T&W', amount: '500.00' }],
      dealDate: '2026-11-20',
    });
  });

  it('a finance scenario stores exactly what the engine returns; reserve is share × markup charge', () => {
    const terms = {
      kind: 'FINANCE' as const,
      finance: {
        lender: null,
        apr: d('7.5'),
        buyRate: d('6'),
        rateMarkup: d('1.5'),
        termMonths: 72,
        downPayment: d('3000'),
        firstPaymentDate: null,
      },
      lease: null,
    };
    const c = computeScenario(deal(), terms, d('0.75'));
    expect(c.result).toEqual(
      JSON.parse(JSON.stringify(financeDeal(c.calcInput as unknown as FinanceDealInput))),
    );
    expect(runCalc('FINANCE', c.calcInput)).toEqual(c.result);
    const atBuy = financeDeal({ ...(c.calcInput as unknown as FinanceDealInput), apr: '6' });
    const expected = new Decimal(c.result.financeCharge as string)
      .minus(atBuy.financeCharge)
      .times('0.75')
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(c.reserve.toFixed(2)).toBe(expected.toFixed(2));
    expect(c.reserve.greaterThan(0)).toBe(true);
  });

  it('a lease needs the MSRP; engine errors name the field', () => {
    const lease = {
      kind: 'LEASE' as const,
      finance: null,
      lease: {
        lender: null,
        moneyFactor: d('0.00125'),
        residualPercent: d('0.58'),
        residualValue: null,
        termMonths: 36,
        milesPerYear: 12000,
        cashDown: d('2000'),
        acquisitionFee: d('695'),
      },
    };
    expect(() => computeScenario(deal({ msrp: null }), lease, d('0.75'))).toThrow(/MSRP/);
    const ok = computeScenario(deal(), lease, d('0.75'));
    expect(Number(ok.result.totalMonthlyPayment)).toBeGreaterThan(0);
  });

  it('the payment grid: one row per term, one cell per down payment, each equal to a full finance deal', () => {
    const grid = dealPaymentGrid(deal(), d('6.49'), [48, 72], ['0', '2500', '5000'], null);
    expect(grid.rows.map((r) => [r.termMonths, r.cells.length])).toEqual([
      [48, 3],
      [72, 3],
    ]);
    const base = calcInputFor(deal(), {
      kind: 'FINANCE',
      finance: {
        lender: null,
        apr: d('6.49'),
        buyRate: null,
        rateMarkup: null,
        termMonths: 72,
        downPayment: d('2500'),
        firstPaymentDate: null,
      },
      lease: null,
    }) as unknown as FinanceDealInput;
    const full = financeDeal(base);
    const cell = grid.rows[1]!.cells[1]!;
    expect(cell.amountFinanced.toFixed(2)).toBe(full.amountFinanced.toFixed(2));
    expect(cell.monthlyPayment.toFixed(2)).toBe(full.monthlyPayment.toFixed(2));
    expect(() => dealPaymentGrid(deal(), d('6.49'), [], ['0'], null)).toThrow(/terms/);
  });
});

describe('the lease grid', () => {
  const terms: LeaseTermsRecord = {
    lender: null,
    moneyFactor: d('0.00125'),
    residualPercent: d('0.58'),
    residualValue: null,
    termMonths: 36,
    milesPerYear: 12000,
    cashDown: d('2000'),
    acquisitionFee: d('695'),
  };
  const { cashDown: _c, termMonths: _t, lender: _l, ...at } = terms;
  const dec = (v: unknown) => new Decimal(v as string).toFixed();
  const scenario = (lease: LeaseTermsRecord) =>
    computeScenario(deal(), { kind: 'LEASE', finance: null, lease }, d('0.75')).result;

  it('every cell is the lease scenario with that term and cash down (same cap cost)', () => {
    const cashDowns = [d('0'), d('2000'), d('4000')];
    const grid = dealLeaseGrid(deal(), at, [24, 36, 48], cashDowns);
    expect(grid.aprEquivalent.toFixed()).toBe('3');
    expect(grid.rows.map((r) => [r.termMonths, r.cells.length])).toEqual([
      [24, 3],
      [36, 3],
      [48, 3],
    ]);
    for (const [i, termMonths] of [24, 36, 48].entries()) {
      for (const [j, cashDown] of cashDowns.entries()) {
        const full = scenario({ ...terms, termMonths, cashDown });
        const cell = grid.rows[i]!.cells[j]!;
        expect(cell.cashDown.toFixed(2)).toBe(cashDown.toFixed(2));
        expect(cell.monthlyPayment.toFixed()).toBe(dec(full.totalMonthlyPayment));
        expect(cell.basePayment.toFixed()).toBe(dec(full.basePayment));
        expect(cell.monthlyTax.toFixed()).toBe(dec(full.monthlyTax));
        expect(cell.dueAtSigning.toFixed()).toBe(dec(full.dueAtSigning));
        expect(cell.residualValue.toFixed()).toBe(dec(full.residualValue));
      }
    }
    // More cash down, lower payment; a longer term, lower payment here.
    const row36 = grid.rows[1]!.cells.map((c) => Number(c.monthlyPayment));
    expect(row36[0]!).toBeGreaterThan(row36[2]!);
  });

  it('a residual in dollars works the same way', () => {
    const byValue = { ...at, residualPercent: null, residualValue: d('18000') };
    const grid = dealLeaseGrid(deal(), byValue, [36], [d('1000')]);
    const full = scenario({ ...terms, ...byValue, cashDown: d('1000') });
    expect(grid.rows[0]!.cells[0]!.monthlyPayment.toFixed()).toBe(dec(full.totalMonthlyPayment));
    expect(grid.rows[0]!.cells[0]!.residualValue.toFixed(2)).toBe('18000.00');
  });

  it('sizes and engine errors name the argument', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { extensions: { field: string } }).extensions.field;
      }
      throw new Error('expected an error');
    };
    expect(err(() => dealLeaseGrid(deal(), at, [], [d('0')]))).toBe('terms');
    expect(err(() => dealLeaseGrid(deal(), at, [36], []))).toBe('cashDowns');
    const thirteen = Array.from({ length: 13 }, () => d('0'));
    expect(err(() => dealLeaseGrid(deal(), at, [36], thirteen))).toBe('cashDowns');
    expect(err(() => dealLeaseGrid(deal(), at, Array(13).fill(36), [d('0')]))).toBe('terms');
    expect(err(() => dealLeaseGrid(deal(), at, [36, 0], [d('0')]))).toBe('terms[1]');
    // Cash down that leaves nothing to depreciate names its column.
    expect(err(() => dealLeaseGrid(deal(), at, [36], [d('0'), d('40000')]))).toBe('cashDowns[1]');
    expect(
      err(() => dealLeaseGrid(deal(), { ...at, residualPercent: d('1.5') }, [36], [d('0')])),
    ).toBe('residualPercent');
    expect(err(() => dealLeaseGrid(deal({ msrp: null }), at, [36], [d('0')]))).toBe('msrp');
  });

  it('arguments win; the rest come from the scenario; neither is BAD_USER_INPUT naming the argument', () => {
    const fromScenario = leaseGridArgs({ cashDowns: ['0'] }, terms);
    expect(fromScenario).toMatchObject({ milesPerYear: 12000 });
    expect(fromScenario.moneyFactor.toFixed()).toBe('0.00125');
    expect(fromScenario.acquisitionFee.toFixed()).toBe('695');
    const given = leaseGridArgs(
      { cashDowns: ['0'], moneyFactor: '0.002', residualValue: '17000', milesPerYear: 10000 },
      terms,
    );
    expect([
      given.moneyFactor.toFixed(),
      given.residualPercent,
      given.residualValue?.toFixed(),
    ]).toEqual(['0.002', null, '17000']);
    expect(given.milesPerYear).toBe(10000);
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { extensions: { field: string } }).extensions.field;
      }
      return 'no error';
    };
    expect(field(() => leaseGridArgs({ cashDowns: ['0'] }, null))).toBe('moneyFactor');
    expect(field(() => leaseGridArgs({ cashDowns: ['0'], moneyFactor: '0.001' }, null))).toBe(
      'residualRate',
    );
    const none = leaseGridArgs(
      { cashDowns: ['0'], moneyFactor: '0.001', residualPercent: '0.5' },
      null,
    );
    expect(none.acquisitionFee.toFixed()).toBe('0');
    expect(field(() => leaseGridArgs({ cashDowns: ['1.005'] }, terms))).toBe('cashDowns[0]');
    expect(field(() => leaseGridArgs({ cashDowns: ['0'], moneyFactor: 'x' }, terms))).toBe(
      'moneyFactor',
    );
    expect(
      field(() =>
        leaseGridArgs({ cashDowns: ['0'], residualPercent: '0.5', residualValue: '1' }, terms),
      ),
    ).toBe('residualValue');
    expect(field(() => leaseGridArgs({ cashDowns: ['0'], milesPerYear: -1 }, terms))).toBe(
      'milesPerYear',
    );
  });
});
