import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  amortizationSchedule,
  levelPayment,
  monthlyRate,
  paymentFactor,
  REGULAR_FIRST_PERIOD,
} from '../src/engine/amortization.ts';

const payment = (amount: string, apr: string, n: number, first = REGULAR_FIRST_PERIOD) =>
  levelPayment(new Decimal(amount), paymentFactor(monthlyRate(new Decimal(apr)), n, first));

describe('level monthly payment (amortization formula, rounded half-up to the cent)', () => {
  it('$20,000 at 6 % for 60 months → $386.66 (20000 × 0.005 / (1 − 1.005^−60) = 386.656…)', () => {
    expect(payment('20000', '6', 60).toFixed(2)).toBe('386.66');
  });
  it('$10,000 at 12 % for 12 months → $888.49 (the textbook example)', () => {
    expect(payment('10000', '12', 12).toFixed(2)).toBe('888.49');
  });
  it('agrees with an independent floating-point evaluation of P·i / (1 − (1+i)^−n)', () => {
    for (const [amount, apr, n] of [
      [31999.99, 7.49, 72],
      [5000, 19.99, 24],
      [45000, 3.9, 84],
      [1000, 99.9, 120],
    ] as const) {
      const i = apr / 1200;
      const expected = (amount * i) / (1 - Math.pow(1 + i, -n));
      expect(payment(String(amount), String(apr), n).toNumber()).toBeCloseTo(expected, 2);
    }
  });
  it('0 % APR: amount / n, rounded ($25,000 / 60 = 416.666… → 416.67)', () => {
    expect(payment('25000', '0', 60).toFixed(2)).toBe('416.67');
  });
  it('odd first period: 2024-01-15 → 2024-03-01 is t = 1, f = 17/30; payment solves Appendix J at the note rate', () => {
    const first = { t: 1, fNum: 17, fDen: 30 };
    const i = 0.005;
    let annuity = 0;
    for (let k = 0; k < 60; k += 1) annuity += 1 / ((1 + (17 / 30) * i) * Math.pow(1 + i, 1 + k));
    expect(payment('20000', '6', 60, first).toNumber()).toBeCloseTo(20000 / annuity, 2);
  });
});

/** Independent schedule in integer cents: interest = round-half-up(balance × 5 / 1000) for 6 %. */
function centsSchedule(amountCents: bigint, paymentCents: bigint, n: number) {
  let balance = amountCents;
  const rows: { interest: bigint; principal: bigint; balance: bigint; payment: bigint }[] = [];
  for (let k = 1; k <= n; k += 1) {
    const interest = (balance * 5n + 500n) / 1000n;
    const pay = k === n ? balance + interest : paymentCents;
    balance -= pay - interest;
    rows.push({ interest, principal: pay - interest, balance, payment: pay });
  }
  return rows;
}

describe('amortization schedule', () => {
  const amountFinanced = new Decimal('20000');
  const noteRate = new Decimal('6');
  const schedule = amortizationSchedule({
    amountFinanced,
    noteRate,
    termMonths: 60,
    payment: new Decimal('386.66'),
    first: REGULAR_FIRST_PERIOD,
    dates: null,
  });

  it('first rows by hand: 100.00 / 286.66 / 19,713.34, then 98.57 (19713.34 × 0.005 = 98.5667)', () => {
    const [r1, r2] = schedule.rows;
    expect([r1!.interest, r1!.principal, r1!.balance].map((x) => x.toFixed(2))).toEqual([
      '100.00',
      '286.66',
      '19713.34',
    ]);
    expect([r2!.interest, r2!.principal, r2!.balance].map((x) => x.toFixed(2))).toEqual([
      '98.57',
      '288.09',
      '19425.25',
    ]);
  });

  it('matches an independent integer-cents schedule row for row, final payment included', () => {
    const expected = centsSchedule(2_000_000n, 38_666n, 60);
    schedule.rows.forEach((row, k) => {
      const e = expected[k]!;
      expect(row.interest.times(100).toFixed(0)).toBe(e.interest.toString());
      expect(row.balance.times(100).toFixed(0)).toBe(e.balance.toString());
      expect(row.payment.times(100).toFixed(0)).toBe(e.payment.toString());
    });
  });

  it('ends at exactly 0.00; principal sums to the amount financed; totals add up', () => {
    expect(schedule.rows.at(-1)!.balance.toFixed(2)).toBe('0.00');
    const principal = schedule.rows.reduce((s, r) => s.plus(r.principal), new Decimal(0));
    expect(principal.toFixed(2)).toBe('20000.00');
    expect(schedule.totalOfPayments.minus(schedule.totalInterest).toFixed(2)).toBe('20000.00');
    expect(schedule.finalPayment.minus('386.66').abs().lessThan(1)).toBe(true);
  });

  it('odd first period interest: 20000 × ((1 + 17/30 × 0.005)(1.005) − 1) = 156.95', () => {
    const odd = amortizationSchedule({
      amountFinanced,
      noteRate,
      termMonths: 60,
      payment: payment('20000', '6', 60, { t: 1, fNum: 17, fDen: 30 }),
      first: { t: 1, fNum: 17, fDen: 30 },
      dates: null,
    });
    expect(odd.rows[0]!.interest.toFixed(2)).toBe('156.95');
    expect(odd.rows.at(-1)!.balance.toFixed(2)).toBe('0.00');
  });

  it('short first period (t = 0, f = 20/30): interest = 20000 × 20/30 × 0.005 = 66.67', () => {
    const short = amortizationSchedule({
      amountFinanced,
      noteRate,
      termMonths: 12,
      payment: new Decimal('1700'),
      first: { t: 0, fNum: 20, fDen: 30 },
      dates: null,
    });
    expect(short.rows[0]!.interest.toFixed(2)).toBe('66.67');
  });
});
