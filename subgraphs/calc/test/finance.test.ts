import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { financeDeal, type FinanceDealInput } from '../src/engine/finance.ts';
import { fieldOf, flatTax } from './calc-helpers.ts';

const tax = flatTax('0.0625');

const deal: FinanceDealInput = {
  state: 'TX',
  vehicleCondition: 'NEW',
  sellingPrice: '25000',
  docFee: '150',
  titleFee: '33',
  registrationFee: '50',
  downPayment: '3000',
  apr: '6.9',
  termMonths: 72,
  contractDate: '2025-03-10',
};

/** Independent level payment: A·i / (1 − (1+i)^−n), in floating point. */
const floatPayment = (amount: number, apr: number, n: number) =>
  (amount * (apr / 1200)) / (1 - Math.pow(1 + apr / 1200, -n));

describe('finance deal', () => {
  const result = financeDeal(deal, tax);

  it('amount financed by hand: 25000 + 150 + 33 + 50 + tax 1571.88 − 3000 down = 23804.88', () => {
    // Test tax: (25000 + 150) × 0.0625 = 1571.875 → 1571.88
    expect(result.totalTax.toFixed(2)).toBe('1571.88');
    expect(result.amountFinanced.toFixed(2)).toBe('23804.88');
  });

  it('monthly payment matches the amortization formula; first payment one month out', () => {
    expect(result.monthlyPayment.toNumber()).toBeCloseTo(floatPayment(23804.88, 6.9, 72), 2);
    expect(result.firstPaymentDate).toBe('2025-04-10');
    expect(result.schedule[0]!.dueDate).toBe('2025-04-10');
    expect(result.schedule[71]!.dueDate).toBe('2031-03-10');
  });

  it('Truth-in-Lending values are consistent (12 CFR 1026.18)', () => {
    const tilaTotal = result.monthlyPayment.times(71).plus(result.finalPayment);
    expect(result.totalOfPayments.toFixed(2)).toBe(tilaTotal.toFixed(2));
    expect(result.financeCharge.toFixed(2)).toBe(
      result.totalOfPayments.minus('23804.88').toFixed(2),
    );
    expect(result.financeCharge.toFixed(2)).toBe(result.totalInterest.toFixed(2));
    expect(result.totalSalePrice.toFixed(2)).toBe(result.totalOfPayments.plus(3000).toFixed(2));
    expect(result.disclosedApr.toFixed(2)).toBe('6.90');
    expect(result.schedule.at(-1)!.balance.toFixed(2)).toBe('0.00');
  });

  it('schedule rows serialize to plain values (JSON) with every field', () => {
    const json = JSON.parse(JSON.stringify(result.schedule[0]));
    expect(Object.keys(json)).toEqual([
      'number',
      'dueDate',
      'payment',
      'interest',
      'principal',
      'balance',
    ]);
    expect(json.dueDate).toBe('2025-04-10');
    expect(json.payment).toBe(result.monthlyPayment.toString());
  });

  it('odd first period (Jan 31 → Mar 15): the disclosed APR still equals the note rate', () => {
    const odd = financeDeal(
      { ...deal, contractDate: '2025-01-31', firstPaymentDate: '2025-03-15' },
      tax,
    );
    expect(odd.disclosedApr.toFixed(2)).toBe('6.90');
    expect(odd.aprExact.minus('6.9').abs().lessThan(0.125)).toBe(true);
    expect(odd.schedule.at(-1)!.balance.toFixed(2)).toBe('0.00');
    // More interest in a 1-month-14-day first period than in a regular month.
    expect(odd.schedule[0]!.interest.greaterThan(result.schedule[0]!.interest)).toBe(true);
  });

  it('a contract dated the 30th is due Feb 28, then back on the 30th; Jan 30 → Feb 28 is a full month (App. J (b)(3)(iv))', () => {
    const late = financeDeal({ ...deal, contractDate: '2025-01-30' }, tax);
    expect(late.schedule.slice(0, 3).map((r) => r.dueDate)).toEqual([
      '2025-02-28',
      '2025-03-30',
      '2025-04-30',
    ]);
    // Full regular month: first interest = 23804.88 × 0.069 / 12 = 136.8781 → 136.88
    expect(late.schedule[0]!.interest.toFixed(2)).toBe('136.88');
    expect(late.monthlyPayment.toFixed(2)).toBe(result.monthlyPayment.toFixed(2));
    expect(late.disclosedApr.toFixed(2)).toBe('6.90');
  });

  it('0 % APR: no finance charge, APR 0.00, total of payments = amount financed', () => {
    const zero = financeDeal({ ...deal, apr: '0' }, tax);
    expect(zero.financeCharge.toFixed(2)).toBe('0.00');
    expect(zero.disclosedApr.toFixed(2)).toBe('0.00');
    expect(zero.totalOfPayments.toFixed(2)).toBe('23804.88');
  });

  it('trade-in equity and rebates count as TILA down payment', () => {
    const withTrade = financeDeal(
      { ...deal, tradeInAllowance: '6000', tradeInPayoff: '4000', manufacturerRebate: '1000' },
      tax,
    );
    // Tax: (25000 + 150 − 6000 − 1000) × 0.0625 = 1134.375 → 1134.38
    // Financed: 25000 − 1000 − 6000 + 4000 + 150 + 33 + 50 + 1134.38 − 3000 = 20367.38
    expect(withTrade.amountFinanced.toFixed(2)).toBe('20367.38');
    expect(withTrade.totalDownPayment.toFixed(2)).toBe('6000.00'); // 3000 + 1000 + (6000 − 4000)
    expect(withTrade.tradeInEquity.toFixed(2)).toBe('2000.00');
    expect(withTrade.totalFees.toFixed(2)).toBe('233.00'); // 150 + 33 + 50
    expect(withTrade.totalSalePrice.toFixed(2)).toBe(
      withTrade.totalOfPayments.plus(6000).toFixed(2),
    );
  });

  it('one-payment loan (Appendix J single advance, single payment): simple interest for the actual days / 365', () => {
    const one = financeDeal({ ...deal, termMonths: 1, apr: '12' }, tax);
    // 2025-03-10 → 2025-04-10 is 31 days: 23804.88 × 0.12 × 31 / 365 = 242.61
    expect(one.schedule[0]!.interest.toFixed(2)).toBe('242.61');
    expect(one.finalPayment.toFixed(2)).toBe(new Decimal('23804.88').plus('242.61').toFixed(2));
    expect(one.schedule).toHaveLength(1);
    expect(one.disclosedApr.toFixed(2)).toBe('12.00');
  });

  it('bad input throws CalcInputError naming the field', () => {
    const run = (patch: Partial<FinanceDealInput>) => () => financeDeal({ ...deal, ...patch }, tax);
    expect(fieldOf(run({ apr: '100.5' }))).toBe('apr');
    expect(fieldOf(run({ apr: '-1' }))).toBe('apr');
    expect(fieldOf(run({ apr: 'six' }))).toBe('apr');
    expect(fieldOf(run({ termMonths: 0 }))).toBe('termMonths');
    expect(fieldOf(run({ termMonths: 241 }))).toBe('termMonths');
    expect(fieldOf(run({ downPayment: '26800' }))).toBe('downPayment');
    expect(fieldOf(run({ downPayment: '-100' }))).toBe('downPayment');
    // Trade-in worth more than the deal and no down payment: nothing to finance.
    expect(fieldOf(run({ downPayment: undefined, tradeInAllowance: '30000' }))).toBe(
      'sellingPrice',
    );
    expect(fieldOf(run({ firstPaymentDate: '2025-03-10' }))).toBe('firstPaymentDate');
    expect(fieldOf(run({ firstPaymentDate: '2025-12-10' }))).toBe('firstPaymentDate');
    expect(fieldOf(run({ contractDate: 'yesterday' }))).toBe('contractDate');
    expect(fieldOf(run({ manufacturerRebate: '25001' }))).toBe('manufacturerRebate');
  });
});

describe('balloon contract (35 level payments and a contracted final payment)', () => {
  const balloonDeal: FinanceDealInput = {
    state: 'TX',
    vehicleCondition: 'NEW',
    sellingPrice: '20000',
    titleFee: '0',
    registrationFee: '0',
    taxExempt: true,
    apr: '6',
    termMonths: 36,
    contractDate: '2025-01-15',
    balloonPayment: '8000',
  };
  const r = financeDeal(balloonDeal, tax);

  it('level payment by hand: (20,000 − 8,000·1.005^−36) × 0.005 / (1 − 1.005^−35) = 415.63', () => {
    // 1.005^−36 = 0.835644919 → balloon today 6,685.16; 20,000 − 6,685.16 = 13,314.84;
    // factor for 35 payments 0.005 / (1 − 1.005^−35) = 0.031215496 → 415.629… → 415.63.
    expect(r.amountFinanced.toFixed(2)).toBe('20000.00');
    expect(r.monthlyPayment.toFixed(2)).toBe('415.63');
  });
  it('the schedule ends at 0.00 with the balloon adjusted by the cent rounding: 7,999.97', () => {
    // Interest rounded each month at 0.5%; the last payment is balance + interest.
    expect(r.finalPayment.toFixed(2)).toBe('7999.97');
    expect(r.schedule[35]!.balance.toFixed(2)).toBe('0.00');
    const principal = r.schedule.reduce((a, row) => a.plus(row.principal), new Decimal(0));
    expect(principal.toFixed(2)).toBe('20000.00');
  });
  it('TILA values: 35 × 415.63 + 7,999.97 = 22,547.02 total of payments; APR still 6.00', () => {
    expect(r.totalOfPayments.toFixed(2)).toBe('22547.02');
    expect(r.financeCharge.toFixed(2)).toBe('2547.02');
    expect(r.disclosedApr.toFixed(2)).toBe('6.00');
  });
  it('zero rate: (20,000 − 8,000) / 35 = 342.857… → 342.86, final 7,999.90', () => {
    // 35 × 342.86 = 12,000.10 paid before the last payment, which is 20,000 − 12,000.10 = 7,999.90.
    const z = financeDeal({ ...balloonDeal, apr: '0' }, tax);
    expect(z.monthlyPayment.toFixed(2)).toBe('342.86');
    expect(z.finalPayment.toFixed(2)).toBe('7999.90');
  });
  it('a balloon at or above the amount financed, or on a one-payment contract, is bad input', () => {
    expect(fieldOf(() => financeDeal({ ...balloonDeal, balloonPayment: '20000' }, tax))).toBe(
      'balloonPayment',
    );
    expect(
      fieldOf(() => financeDeal({ ...balloonDeal, termMonths: 1, balloonPayment: '100' }, tax)),
    ).toBe('balloonPayment');
    expect(fieldOf(() => financeDeal({ ...balloonDeal, balloonPayment: '-5' }, tax))).toBe(
      'balloonPayment',
    );
  });
});
