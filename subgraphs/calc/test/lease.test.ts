import { describe, expect, it } from 'vitest';
import {
  leaseDeal,
  aprToMoneyFactor,
  moneyFactorToApr,
  type LeaseDealInput,
} from '../src/engine/lease.ts';
import { d, fieldOf, flatTax, noTax } from './calc-helpers.ts';

const base = { state: 'TX', dealDate: '2025-03-01', titleFee: '0', registrationFee: '0' };

// Colorado Department of Revenue, "Leasing a vehicle" example (colorado.gov, Rev-Enforcement):
// gross cap cost $22,700 − cap cost reduction $2,700 = $20,000; residual $8,000; 48 months;
// depreciation 12,000 / 48 = $250; rent (20,000 + 8,000) × 0.004 = $112; base payment $362.
const colorado: LeaseDealInput = {
  ...base,
  msrp: '25000', // not given in the example; only bounds the residual
  sellingPrice: '22700',
  cashDown: '2700',
  residualValue: '8000',
  moneyFactor: '0.004',
  termMonths: 48,
};

// Edmunds, "Calculate your own lease payment" sample lease: MSRP $23,000, residual 57 %, money
// factor 0.00125, $1,700 down, $500 rebate, price $21,000, $1,200 fees, 36 months. Published steps:
// residual $13,110; gross cap cost $22,200; reduction $2,200; adjusted $20,000; depreciation $6,890.
const edmunds: LeaseDealInput = {
  ...base,
  msrp: '23000',
  sellingPrice: '21000',
  capitalizedFees: '1200',
  cashDown: '1700',
  rebates: '500',
  residualPercent: '0.57',
  moneyFactor: '0.00125',
  termMonths: 36,
};

describe('lease: published examples', () => {
  it('Colorado DOR example: depreciation $250 + rent $112 = base payment $362', () => {
    const lease = leaseDeal(colorado, noTax);
    expect(lease.grossCapCost.toFixed(2)).toBe('22700.00');
    expect(lease.adjustedCapCost.toFixed(2)).toBe('20000.00');
    expect(lease.monthlyDepreciation.toFixed(2)).toBe('250.00');
    expect(lease.monthlyRentCharge.toFixed(2)).toBe('112.00');
    expect(lease.basePayment.toFixed(2)).toBe('362.00');
    expect(lease.aprEquivalent.toFixed(2)).toBe('9.60'); // the example's "0.004 × 24 = 9.6 %"
  });

  it('Edmunds sample lease: residual 13,110, gross 22,200, reduction 2,200, adjusted 20,000, depreciation 6,890', () => {
    const lease = leaseDeal(edmunds, noTax);
    expect(lease.residualValue.toFixed(2)).toBe('13110.00');
    expect(lease.grossCapCost.toFixed(2)).toBe('22200.00');
    expect(lease.capCostReduction.toFixed(2)).toBe('2200.00');
    expect(lease.adjustedCapCost.toFixed(2)).toBe('20000.00');
    expect(lease.depreciation.toFixed(2)).toBe('6890.00');
    // Continued by hand: 6890 / 36 = 191.3889; (20000 + 13110) × 0.00125 = 41.3875; sum 232.7764.
    expect(lease.basePayment.toFixed(2)).toBe('232.78');
    expect(lease.aprEquivalent.toFixed(2)).toBe('3.00');
    // Reg M: total of base payments 232.78 × 36 = 8380.08; rent charge = 8380.08 − 6890 = 1490.08.
    expect(lease.regulationM.totalOfBasePayments.toFixed(2)).toBe('8380.08');
    expect(lease.rentCharge.toFixed(2)).toBe('1490.08');
  });
});

describe('lease tax by state method', () => {
  it('MONTHLY_PAYMENT at 7 %, cash reduction taxed up front: 16.29 a month, 154.00 at signing', () => {
    const tax = flatTax('0.07', { method: 'MONTHLY_PAYMENT', capCostReductionTaxed: true });
    const lease = leaseDeal({ ...edmunds, securityDeposit: '300' }, tax);
    expect(lease.monthlyTax.toFixed(2)).toBe('16.29'); // 232.78 × 0.07 = 16.2946
    expect(lease.totalMonthlyPayment.toFixed(2)).toBe('249.07');
    expect(lease.upfrontTax.toFixed(2)).toBe('154.00'); // (1700 + 500) × 0.07
    // Due at signing: 249.07 first payment + 1700 cash + 300 deposit + 154 tax
    expect(lease.dueAtSigning.toFixed(2)).toBe('2403.07');
    // Reg M amount due counts the rebate too (paid by the rebate): 2403.07 + 500
    const m = lease.regulationM;
    expect(m.amountDueAtSigning.toFixed(2)).toBe('2903.07');
    expect(m.paidBy.cash.toFixed(2)).toBe('2403.07');
    // Total of payments: 2903.07 − 300 refundable deposit + 35 × 249.07 (= 8717.45)
    expect(lease.totalOfPayments.toFixed(2)).toBe('11320.52');
  });

  it('UPFRONT_TOTAL_PAYMENTS at 6.25 %: 232.78 × 36 × 0.0625 = 523.755 → 523.76, nothing monthly', () => {
    const tax = flatTax('0.0625', { method: 'UPFRONT_TOTAL_PAYMENTS' });
    const lease = leaseDeal(edmunds, tax);
    expect(lease.monthlyTax.toFixed(2)).toBe('0.00');
    expect(lease.upfrontTax.toFixed(2)).toBe('523.76');
  });

  it('UPFRONT_TOTAL_PAYMENTS, tax capitalized: T = tax(36 payments) with T inside the cap cost', () => {
    const tax = flatTax('0.0625', { method: 'UPFRONT_TOTAL_PAYMENTS' });
    const lease = leaseDeal({ ...edmunds, capitalizeUpfrontTax: true }, tax);
    // By hand: c0 = 232.7764 (uncapitalized payment); each $1 of cap cost adds 1/36 + 0.00125
    // = 0.0290278 to the payment. T = 0.0625 × 36 × c0 / (1 − 0.0625 × (1 + 36 × 0.00125))
    // ≈ 560.35; payment 232.7764 + 560.35 × 0.0290278 = 249.04; tax on 36 × 249.04 = 560.34;
    // with T = 560.34 the payment is still 249.04, so T = 560.34 is the fixed point.
    expect(lease.upfrontTax.toFixed(2)).toBe('560.34');
    expect(lease.capitalizedTax.toFixed(2)).toBe('560.34');
    expect(lease.basePayment.toFixed(2)).toBe('249.04');
    expect(lease.grossCapCost.toFixed(2)).toBe('22760.34');
    // Nothing of it is due at signing: first payment + cash down only.
    expect(lease.dueAtSigning.toFixed(2)).toBe('1949.04');
    expect(lease.regulationM.dueAtSigningItems.upfrontTax.toFixed(2)).toBe('0.00');
  });

  it('UPFRONT_PRICE, tax capitalized: the 1,312.50 joins the cap cost, the payment rises by 1312.50 × (1/36 + 0.00125)', () => {
    const tax = flatTax('0.0625', { method: 'UPFRONT_PRICE' });
    const lease = leaseDeal({ ...edmunds, capitalizeUpfrontTax: true }, tax);
    expect(lease.grossCapCost.toFixed(2)).toBe('23512.50');
    // 232.7764 + 1312.50 × 0.0290278 = 232.7764 + 38.0990 = 270.8754 → 270.88
    expect(lease.basePayment.toFixed(2)).toBe('270.88');
  });

  it('Reg M amount due at signing is itemized as on model form A-2 and its items add up', () => {
    const va = {
      ...edmunds,
      state: 'VA',
      titleFee: undefined,
      registrationFee: undefined,
      vehicleWeightLbs: 3400,
    };
    const lease = leaseDeal(
      { ...va, securityDeposit: '250', upfrontFees: '595', tradeInAllowance: '1000' },
      noTax,
    );
    const items = lease.regulationM.dueAtSigningItems;
    expect(items.titleFees.toFixed(2)).toBe('15.00'); // fee table: VA title
    expect(items.registrationFees.toFixed(2)).toBe('23.00'); // ≤ 4,000 lb
    expect(items.otherFees.toFixed(2)).toBe('595.00');
    const itemSum = Object.values(items).reduce((a, b) => a.plus(b), d(0));
    expect(itemSum.toFixed(2)).toBe(lease.regulationM.amountDueAtSigning.toFixed(2));
    const { netTradeIn, rebates, cash } = lease.regulationM.paidBy;
    expect(netTradeIn.plus(rebates).plus(cash).toFixed(2)).toBe(
      lease.regulationM.amountDueAtSigning.toFixed(2),
    );
    expect(cash.toFixed(2)).toBe(lease.dueAtSigning.toFixed(2));
  });

  it('Reg M other charges: a disposition fee counts in the total of payments (1013.4(d), (e))', () => {
    const without = leaseDeal(edmunds, noTax);
    const withFee = leaseDeal({ ...edmunds, dispositionFee: '395' }, noTax);
    expect(withFee.totalOfPayments.minus(without.totalOfPayments).toFixed(2)).toBe('395.00');
    expect(withFee.regulationM.otherCharges.dispositionFee.toFixed(2)).toBe('395.00');
    expect(withFee.basePayment.toFixed(2)).toBe(without.basePayment.toFixed(2));
  });

  it('UPFRONT_PRICE at 6.25 %: tax on the agreed value 21,000 = 1,312.50', () => {
    const tax = flatTax('0.0625', { method: 'UPFRONT_PRICE' });
    expect(leaseDeal(edmunds, tax).upfrontTax.toFixed(2)).toBe('1312.50');
  });

  it('per-jurisdiction lines are rounded separately and sum to the tax', () => {
    const lines = [
      {
        jurisdiction: 'ST',
        kind: 'STATE' as const,
        rate: d('0.0625'),
        rule: 's',
        source: 's',
        origin: 'STATE_RULE' as const,
      },
      {
        jurisdiction: 'City',
        kind: 'CITY' as const,
        rate: d('0.02'),
        rule: 'c',
        source: 'c',
        origin: 'SHIPPED_TABLE' as const,
      },
    ];
    const tax = flatTax('0.0825', { lines });
    const lease = leaseDeal(edmunds, tax);
    // 232.78 × 0.0625 = 14.54875 → 14.55; 232.78 × 0.02 = 4.6556 → 4.66
    expect(lease.taxes.monthlyLines.map((l) => l.amount.toFixed(2))).toEqual(['14.55', '4.66']);
    expect(lease.monthlyTax.toFixed(2)).toBe('19.21');
  });
});

describe('lease: trade-ins, conversions and bad input', () => {
  it('negative equity is capitalized; positive equity reduces the cap cost', () => {
    const neg = leaseDeal({ ...edmunds, tradeInAllowance: '5000', tradeInPayoff: '7000' }, noTax);
    expect(neg.grossCapCost.toFixed(2)).toBe('24200.00');
    const pos = leaseDeal({ ...edmunds, tradeInAllowance: '3000', tradeInPayoff: '1000' }, noTax);
    expect(pos.capCostReduction.toFixed(2)).toBe('4200.00');
  });

  it('money factor ↔ APR is × 2400', () => {
    expect(moneyFactorToApr(d('0.00125')).toFixed(2)).toBe('3.00');
    expect(aprToMoneyFactor(d('4.8')).toFixed(4)).toBe('0.0020');
  });

  it('bad input throws CalcInputError naming the field', () => {
    const run = (patch: Partial<LeaseDealInput>) => () =>
      leaseDeal({ ...edmunds, ...patch }, noTax);
    expect(fieldOf(run({ residualPercent: '1.01' }))).toBe('residualPercent');
    expect(fieldOf(run({ residualPercent: '57' }))).toBe('residualPercent');
    expect(fieldOf(run({ residualPercent: undefined, residualValue: '23000.01' }))).toBe(
      'residualValue',
    );
    expect(fieldOf(run({ residualValue: '13000' }))).toBe('residualPercent'); // both given
    expect(fieldOf(run({ residualPercent: undefined }))).toBe('residualPercent'); // neither
    expect(fieldOf(run({ moneyFactor: '0.05' }))).toBe('moneyFactor');
    expect(fieldOf(run({ moneyFactor: '-0.001' }))).toBe('moneyFactor');
    expect(fieldOf(run({ rebates: '21000.01' }))).toBe('rebates');
    expect(fieldOf(run({ cashDown: '9000' }))).toBe('cashDown');
    expect(fieldOf(run({ termMonths: 0 }))).toBe('termMonths');
    expect(fieldOf(run({ msrp: 'n/a' }))).toBe('msrp');
    expect(fieldOf(run({ state: 'ZZ' }))).toBe('state');
  });
});
