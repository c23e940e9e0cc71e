// Regulation Z, Appendix J (12 CFR 1026), paragraph (c): the worked examples of the actuarial
// method. Inputs and published APRs are those of the regulation's examples.
// https://www.consumerfinance.gov/rules-policy/regulations/1026/J/
import { describe, expect, it } from 'vitest';
import { aprFromSchedule } from '../src/engine/appendix-j.ts';
import type { PaymentStreamInput } from '../src/engine/appendix-j.ts';
import { CalcInputError } from '../src/engine/errors.ts';
import { periodsBetween, UNIT_PERIODS } from '../src/engine/unit-period.ts';
import { parseIsoDate } from '../src/engine/dates.ts';
import { presentValueDecimal, solvePeriodicRate } from '../src/engine/apr-solver.ts';
import type { PaymentRun } from '../src/engine/apr-solver.ts';
import { Dec } from '../src/engine/decimal.ts';

const stream = (
  amount: string,
  count: number,
  firstDate: string,
  frequency: PaymentStreamInput['frequency'],
): PaymentStreamInput => ({ amount, count, firstDate, frequency });

function apr(amount: string, advanceDate: string, payments: PaymentStreamInput[]): string {
  return aprFromSchedule({ amount, advanceDate, payments }).apr.toFixed(2);
}

describe('Reg Z Appendix J (c)(1): single advance, regular payments, with or without odd first period', () => {
  it('(c)(1)(i) monthly, regular first period: $5,000, 24 × $230 → 9.69%', () => {
    expect(apr('5000', '1978-01-10', [stream('230', 24, '1978-02-10', 'MONTHLY')])).toBe('9.69');
  });
  it('(c)(1)(ii) monthly, long first period (2-10 → 4-1: t = 1, f = 19/30): $6,000, 36 × $200 → 11.82%', () => {
    expect(apr('6000', '1978-02-10', [stream('200', 36, '1978-04-01', 'MONTHLY')])).toBe('11.82');
  });
  it('(c)(1)(iii) semimonthly, short first period (f = 6/15): $5,000, 24 × $219.17 → 10.34%', () => {
    expect(apr('5000', '1978-02-23', [stream('219.17', 24, '1978-03-01', 'SEMIMONTHLY')])).toBe(
      '10.34',
    );
  });
  it('(c)(1)(iv) quarterly, long first period (f = 39/90): $10,000, 40 × $385 → 8.97%', () => {
    expect(apr('10000', '1978-05-23', [stream('385', 40, '1978-10-01', 'QUARTERLY')])).toBe('8.97');
  });
  it('(c)(1)(v) weekly, long first period (t = 4, f = 4/7): $500, 30 × $17.60 → 14.96%', () => {
    expect(apr('500', '1978-03-20', [stream('17.60', 30, '1978-04-21', 'WEEKLY')])).toBe('14.96');
  });
});

describe('Reg Z Appendix J (c)(2)–(c)(4): irregular first and/or final payment', () => {
  it('(c)(2)(i) monthly, irregular first payment $250 then 23 × $230 → 10.08%', () => {
    const payments = [
      stream('250', 1, '1978-02-10', 'SINGLE'),
      stream('230', 23, '1978-03-10', 'MONTHLY'),
    ];
    expect(apr('5000', '1978-01-10', payments)).toBe('10.08');
  });
  it('(c)(2)(ii) every 4 weeks, long first period, first payment $39.50 then 11 × $38.31 → 28.50%', () => {
    const payments = [
      stream('39.50', 1, '1978-04-20', 'SINGLE'),
      stream('38.31', 11, '1978-05-18', 'EVERY_4_WEEKS'),
    ];
    expect(apr('400', '1978-03-18', payments)).toBe('28.50');
  });
  it('(c)(3)(i) monthly, 23 × $230 then irregular final payment $280 → 10.50%', () => {
    const payments = [
      stream('230', 23, '1978-02-10', 'MONTHLY'),
      stream('280', 1, '1980-01-10', 'SINGLE'),
    ];
    expect(apr('5000', '1978-01-10', payments)).toBe('10.50');
  });
  it('(c)(3)(ii) every 2 weeks, short first period, 19 × $9.50 then final $30 → 12.22%', () => {
    // Final payment 14 × 19 days after the first: 1978-04-11 + 266 days = 1979-01-02.
    const payments = [
      stream('9.50', 19, '1978-04-11', 'BIWEEKLY'),
      stream('30', 1, '1979-01-02', 'SINGLE'),
    ];
    expect(apr('200', '1978-04-03', payments)).toBe('12.22');
  });
  it('(c)(4)(i) monthly, first $250, 22 × $230, final $280 → 10.90%', () => {
    const payments = [
      stream('250', 1, '1978-02-10', 'SINGLE'),
      stream('230', 22, '1978-03-10', 'MONTHLY'),
      stream('280', 1, '1980-01-10', 'SINGLE'),
    ];
    expect(apr('5000', '1978-01-10', payments)).toBe('10.90');
  });
  it('(c)(4)(ii) every 2 months, short first period, first $449.36, 18 × $465, final $200 → 7.30%', () => {
    const payments = [
      stream('449.36', 1, '1978-03-01', 'SINGLE'),
      stream('465', 18, '1978-05-01', 'EVERY_2_MONTHS'),
      stream('200', 1, '1981-05-01', 'SINGLE'),
    ];
    expect(apr('8000', '1978-01-10', payments)).toBe('7.30');
  });
});

describe('Reg Z Appendix J (c)(5): single advance, single payment', () => {
  it('(c)(5)(i) term under a year (255 days): $1,000 → $1,080, i = 0.08 × 365/255 → 11.45%', () => {
    const result = aprFromSchedule({
      amount: '1000',
      advanceDate: '1978-01-03',
      payments: [stream('1080', 1, '1978-09-15', 'SINGLE')],
    });
    expect(result.unitPeriod).toBe('TERM');
    // Hand arithmetic: 0.08 × 365 / 255 = 0.114509803… → 11.45 %.
    expect(result.aprExact.toFixed(6)).toBe('11.450980');
    expect(result.apr.toFixed(2)).toBe('11.45');
  });
  it('term of exactly two years: $1,000 → $1,210 is 10% a year (unit period one year)', () => {
    // 1000 × 1.1² = 1210, so i = 0.10 per year with t = 2, f = 0.
    const result = aprFromSchedule({
      amount: '1000',
      advanceDate: '2020-03-01',
      payments: [stream('1210', 1, '2022-03-01', 'SINGLE')],
    });
    expect(result.unitPeriod).toBe('YEAR');
    expect(result.aprExact.toFixed(6)).toBe('10.000000');
  });
});

describe('Appendix J (b)(5): full unit periods t and fraction f, counted back from the payment', () => {
  const between = (unit: keyof typeof UNIT_PERIODS, from: string, to: string) =>
    periodsBetween(UNIT_PERIODS[unit], parseIsoDate(from, 'from'), parseIsoDate(to, 'to'));
  it('month: 1978-02-10 → 1978-04-01 is t = 1, f = 19/30 (example (c)(1)(ii))', () => {
    expect(between('MONTHLY', '1978-02-10', '1978-04-01')).toEqual({ t: 1, fNum: 19, fDen: 30 });
  });
  it('semimonth: 1978-02-23 → 1978-03-01 is t = 0, f = 6/15 (example (c)(1)(iii))', () => {
    expect(between('SEMIMONTHLY', '1978-02-23', '1978-03-01')).toEqual({ t: 0, fNum: 6, fDen: 15 });
  });
  it('quarter: 1978-05-23 → 1978-10-01 is t = 1, f = 39/90 (example (c)(1)(iv)); from 07-23 t = 0, f = 69/90', () => {
    expect(between('QUARTERLY', '1978-05-23', '1978-10-01')).toEqual({ t: 1, fNum: 39, fDen: 90 });
    expect(between('QUARTERLY', '1978-07-23', '1978-10-01')).toEqual({ t: 0, fNum: 69, fDen: 90 });
  });
  it('week: 1978-03-20 → 1978-04-21 is t = 4, f = 4/7 (example (c)(1)(v))', () => {
    expect(between('WEEKLY', '1978-03-20', '1978-04-21')).toEqual({ t: 4, fNum: 4, fDen: 7 });
  });
});

describe('Appendix J (b)(4): choosing the unit period', () => {
  it('no common period: the average period (14 days) rounds to two weeks; APR by the quadratic formula', () => {
    const result = aprFromSchedule({
      amount: '1000',
      advanceDate: '2024-01-01',
      payments: [
        stream('505', 1, '2024-01-15', 'SINGLE'),
        stream('505', 1, '2024-01-29', 'SINGLE'),
      ],
    });
    expect(result.unitPeriod).toBe('BIWEEKLY');
    // 1000 = 505 v + 505 v² → v = (−505 + √(505² + 4·505·1000)) / (2·505); APR = (1/v − 1) × 26.
    const v = (-505 + Math.sqrt(505 * 505 + 4 * 505 * 1000)) / (2 * 505);
    expect(result.aprExact.toNumber()).toBeCloseTo((1 / v - 1) * 26 * 100, 6);
  });
  it('two common periods occurring equally often: the shorter one is the unit period', () => {
    const result = aprFromSchedule({
      amount: '1000',
      advanceDate: '2024-01-01',
      payments: [
        stream('90', 6, '2024-01-15', 'BIWEEKLY'),
        stream('90', 6, '2024-05-01', 'MONTHLY'),
      ],
    });
    expect(result.unitPeriod).toBe('BIWEEKLY');
  });
});

// Cross-checks beyond the regulation's own examples: example (c)(1)(iv) with later advance dates,
// as computed in simontreanor/FSharp.Finance.Personal (AprUsActuarialTests, "confirmed using Excel").
describe('Appendix J (c)(1)(iv) variants (FSharp.Finance.Personal cross-checks)', () => {
  it('quarterly, advance 1978-06-23 (3 months + 8 days = 98/90: t = 1, f = 8/90): 9.15 %', () => {
    expect(apr('10000', '1978-06-23', [stream('385', 40, '1978-10-01', 'QUARTERLY')])).toBe('9.15');
  });
  it('quarterly, advance 1978-07-23 (2 months + 9 days, shorter than a quarter: t = 0, f = 69/90): 9.32 %', () => {
    expect(apr('10000', '1978-07-23', [stream('385', 40, '1978-10-01', 'QUARTERLY')])).toBe('9.32');
  });
});

describe('aprFromSchedule: hand-checked cases and bad input', () => {
  it('one month, one payment: $1,000 → $1,010 is 1 % for a 31-day term (365/31 × 1 %)', () => {
    const result = aprFromSchedule({
      amount: '1000',
      advanceDate: '2024-01-01',
      payments: [stream('1010', 1, '2024-02-01', 'SINGLE')],
    });
    // 0.01 × 365 / 31 = 0.117741935… → 11.77 %
    expect(result.apr.toFixed(2)).toBe('11.77');
  });
  it('end-of-month series (dayOfMonth 31): advance Jan 31, payments Feb 29, Mar 31, … are regular months', () => {
    // 12 × 88.85 on 1000 at 12 %: 1000 × 0.01 / (1 − 1.01^−12) = 88.8488 → 88.85; APR 12.00.
    const endOfMonth = { ...stream('88.85', 12, '2024-02-29', 'MONTHLY'), dayOfMonth: 31 };
    expect(apr('1000', '2024-01-31', [endOfMonth])).toBe('12.00');
    // Read as "due on the 29th" instead, Jan 31 → Feb 29 is a short first period (29 days): higher APR.
    expect(
      Number(apr('1000', '2024-01-31', [stream('88.85', 12, '2024-02-29', 'MONTHLY')])),
    ).toBeGreaterThan(12);
  });
  it('payments equal to the amount: APR 0.00', () => {
    expect(apr('1200', '2024-01-15', [stream('100', 12, '2024-02-15', 'MONTHLY')])).toBe('0.00');
  });
  it('names the field of bad input', () => {
    const bad =
      (payments: PaymentStreamInput[], amount = '1000') =>
      () =>
        aprFromSchedule({ amount, advanceDate: '2024-01-01', payments });
    expect(bad([stream('10', 12, '2024-02-01', 'MONTHLY')])).toThrow(CalcInputError);
    expect(bad([stream('10', 12, '2024-02-01', 'MONTHLY')])).toThrow(/negative/);
    expect(fieldOf(bad([stream('x', 12, '2024-02-01', 'MONTHLY')]))).toBe('payments[0].amount');
    expect(fieldOf(bad([stream('100', 0, '2024-02-01', 'MONTHLY')]))).toBe('payments[0].count');
    expect(fieldOf(bad([stream('100', 2, '2024-02-01', 'SINGLE')]))).toBe('payments[0].count');
    expect(fieldOf(bad([stream('100', 12, '2023-12-01', 'MONTHLY')]))).toBe(
      'payments[0].firstDate',
    );
    expect(fieldOf(bad([stream('100', 12, '2024-02-30', 'MONTHLY')]))).toBe(
      'payments[0].firstDate',
    );
    expect(fieldOf(bad([], '1000'))).toBe('payments');
    expect(fieldOf(bad([stream('100', 12, '2024-02-01', 'MONTHLY')], '-5'))).toBe('amount');
    const daily = { ...stream('100', 12, '2024-02-01', 'MONTHLY'), frequency: 'DAILY' };
    expect(fieldOf(bad([daily as PaymentStreamInput]))).toBe('payments[0].frequency');
  });
});

describe('the root is settled in decimal.js, not float64', () => {
  // (c)(1)(i): $5,000 advanced, 24 × $230 monthly from one month after the advance.
  const runs: PaymentRun[] = [{ amount: new Dec(230), t: 1, fNum: 0, fDen: 1, step: 1, count: 24 }];
  /** Independent reference: plain bisection on the Decimal equation, 90 halvings of [0, 1]. */
  function bisect(amount: InstanceType<typeof Dec>, rs: PaymentRun[]) {
    let lo = new Dec(0);
    let hi = new Dec(1);
    for (let k = 0; k < 90; k += 1) {
      const mid = lo.plus(hi).div(2);
      if (presentValueDecimal(rs, mid).greaterThan(amount)) lo = mid;
      else hi = mid;
    }
    return lo.plus(hi).div(2);
  }
  it('matches a 90-step Decimal bisection to 1e-22 and leaves a residual under 1e-18 dollars', () => {
    const i = solvePeriodicRate(new Dec(5000), runs);
    expect(
      i
        .minus(bisect(new Dec(5000), runs))
        .abs()
        .lessThan('1e-22'),
    ).toBe(true);
    expect(presentValueDecimal(runs, i).minus(5000).abs().lessThan('1e-18')).toBe(true);
    // 12 × 100 × i = 9.69…%, the published figure.
    expect(i.times(1200).toFixed(2)).toBe('9.69');
  });
  it('an APR built to sit exactly on a rounding boundary (6.005 %) comes back to 1e-18 points', () => {
    // Amount = present value of 60 × $500 at i = 0.06005 / 12 exactly; float64 alone resolves
    // the rate only to ~1e-13 points, too coarse to decide 6.00 vs 6.01 reliably.
    const exact = new Dec('0.06005').div(12);
    const sixty: PaymentRun[] = [
      { amount: new Dec(500), t: 1, fNum: 0, fDen: 1, step: 1, count: 60 },
    ];
    const amount = presentValueDecimal(sixty, exact);
    const apr = solvePeriodicRate(amount, sixty).times(1200);
    expect(apr.minus('6.005').abs().lessThan('1e-18')).toBe(true);
  });
  it('odd-days fraction and irregular runs: (c)(2)(ii) settles to the bisection too', () => {
    // Every 4 weeks, advance 1978-03-18, first payment 1978-04-20: t = 1, f = 5/28, then 11 × $38.31.
    const rs: PaymentRun[] = [
      { amount: new Dec('39.50'), t: 1, fNum: 5, fDen: 28, step: 1, count: 1 },
      { amount: new Dec('38.31'), t: 2, fNum: 5, fDen: 28, step: 1, count: 11 },
    ];
    const i = solvePeriodicRate(new Dec(400), rs);
    expect(
      i
        .minus(bisect(new Dec(400), rs))
        .abs()
        .lessThan('1e-22'),
    ).toBe(true);
    expect(i.times(1300).toFixed(2)).toBe('28.50');
  });
});

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CalcInputError) return error.field;
    throw error;
  }
  return undefined;
}
