// The public entry point with the real tax engine (tax/index.ts): deals run end to end, and the
// injected-tax factory gives the same arithmetic as the default for the same tax answers.
import { describe, expect, it } from 'vitest';
import * as calc from '../src/engine/index.ts';
import { flatTax } from './calc-helpers.ts';

describe('engine entry point', () => {
  it('exports the deal functions, the APR solver and the tax API', () => {
    for (const name of [
      'cashDeal',
      'financeDeal',
      'leaseDeal',
      'paymentGrid',
      'aprFromSchedule',
      'quoteTax',
      'leaseTaxTreatment',
      'createCalcEngine',
    ]) {
      expect(typeof (calc as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('a cash deal with the real tax engine: total = Σ lines and tax = the quote’s total', () => {
    const deal = calc.cashDeal({
      state: 'TX',
      vehicleCondition: 'NEW',
      dealDate: '2025-03-01',
      sellingPrice: '38500',
      tradeInAllowance: '12000',
      docFee: '150',
      feeTier: 'NONATTAINMENT_COUNTY',
      registrationFee: '51.75',
    });
    const quote = calc.quoteTax({
      state: 'TX',
      vehicleCondition: 'NEW',
      sellingPrice: calc.Dec(38500),
      tradeInAllowance: new calc.Dec(12000),
      docFee: new calc.Dec(150),
      dealDate: '2025-03-01',
    } as never);
    expect(deal.totalTax.toFixed(2)).toBe(quote.totalTax.toFixed(2));
    const sum = deal.lines.reduce((s, l) => s.plus(l.amount), new calc.Dec(0));
    expect(deal.totalDue.toFixed(2)).toBe(sum.toFixed(2));
    expect(deal.governmentFees[0]!.amount.toFixed(2)).toBe('33.00');
  });

  it('finance and lease deals run with the real tax engine', () => {
    const fin = calc.financeDeal({
      state: 'FL',
      zip: '33101',
      vehicleCondition: 'USED',
      sellingPrice: '24999.99',
      docFee: '999',
      titleFee: '77.25',
      registrationFee: '225',
      downPayment: '2500',
      apr: '7.49',
      termMonths: 84,
      contractDate: '2025-03-01',
    });
    expect(fin.schedule).toHaveLength(84);
    expect(fin.disclosedApr.toFixed(2)).toBe('7.49');
    const lease = calc.leaseDeal({
      state: 'CA',
      zip: '90012',
      dealDate: '2025-03-01',
      titleFee: '0',
      registrationFee: '0',
      msrp: '45000',
      sellingPrice: '43000',
      cashDown: '3000',
      residualPercent: '0.58',
      moneyFactor: '0.00175',
      termMonths: 36,
    });
    expect(lease.totalMonthlyPayment.greaterThan(lease.basePayment)).toBe(true);
  });

  it('createCalcEngine injects another tax implementation', () => {
    const engine = calc.createCalcEngine({ tax: flatTax('0.10') });
    const deal = engine.cashDeal({
      state: 'CA',
      vehicleCondition: 'NEW',
      dealDate: '2025-03-01',
      sellingPrice: '1000',
      titleFee: '0',
      registrationFee: '0',
    });
    expect(deal.totalDue.toFixed(2)).toBe('1100.00');
  });
});
