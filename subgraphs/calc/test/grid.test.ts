import { describe, expect, it } from 'vitest';
import { paymentGrid, type PaymentGridInput } from '../src/engine/grid.ts';
import { financeDeal } from '../src/engine/finance.ts';
import { leaseDeal } from '../src/engine/lease.ts';
import { fieldOf, flatTax } from './calc-helpers.ts';

const tax = flatTax('0.0625', { capCostReductionTaxed: true });
const purchase = {
  state: 'TX',
  vehicleCondition: 'NEW' as const,
  sellingPrice: '32000',
  docFee: '150',
  titleFee: '33',
  registrationFee: '50',
  apr: '5.49',
  contractDate: '2025-05-20',
  firstPaymentDate: '2025-07-01',
};
const lease = {
  state: 'TX',
  dealDate: '2025-05-20',
  titleFee: '0',
  registrationFee: '0',
  msrp: '36000',
  sellingPrice: '34000',
  capitalizedFees: '695',
  cashDown: '2000',
  moneyFactor: '0.0021',
};

describe('payment grid', () => {
  it('finance: every cell equals the full finance deal for that term and down payment', () => {
    const terms = [48, 60, 72];
    const downPayments = ['0', '2000', '5000'];
    const grid = paymentGrid({ kind: 'FINANCE', ...purchase, terms, downPayments }, tax);
    if (grid.kind !== 'FINANCE') throw new Error('kind');
    terms.forEach((termMonths, r) =>
      downPayments.forEach((downPayment, c) => {
        const deal = financeDeal({ ...purchase, termMonths, downPayment }, tax);
        expect(grid.cells[r]![c]!.monthlyPayment.toFixed(2)).toBe(deal.monthlyPayment.toFixed(2));
        expect(grid.cells[r]![c]!.amountFinanced.toFixed(2)).toBe(deal.amountFinanced.toFixed(2));
      }),
    );
    // More down → lower payment; longer term → lower payment.
    expect(grid.cells[0]![2]!.monthlyPayment.lessThan(grid.cells[0]![0]!.monthlyPayment)).toBe(
      true,
    );
    expect(grid.cells[2]![0]!.monthlyPayment.lessThan(grid.cells[0]![0]!.monthlyPayment)).toBe(
      true,
    );
  });

  it('lease: terms × mileage residuals; every cell equals the full lease deal', () => {
    const terms = [24, 36, 39];
    const residuals = [
      { label: '10k mi', annualMileage: 10000, residualPercent: '0.60' },
      { label: '12k mi', annualMileage: 12000, residualPercent: '0.58' },
      { label: '15k mi', annualMileage: 15000, residualValue: '19800' },
    ];
    const grid = paymentGrid({ kind: 'LEASE', ...lease, terms, residuals }, tax);
    if (grid.kind !== 'LEASE') throw new Error('kind');
    terms.forEach((termMonths, r) =>
      residuals.forEach((option, c) => {
        const { label: _label, annualMileage: _miles, ...residual } = option;
        const deal = leaseDeal({ ...lease, ...residual, termMonths }, tax);
        const cell = grid.cells[r]![c]!;
        expect(cell.totalMonthlyPayment.toFixed(2)).toBe(deal.totalMonthlyPayment.toFixed(2));
        expect(cell.dueAtSigning.toFixed(2)).toBe(deal.dueAtSigning.toFixed(2));
        expect(cell.label).toBe(option.label);
      }),
    );
  });

  it('bad cells name their place in the grid', () => {
    const fin = (patch: object) => () =>
      paymentGrid(
        {
          kind: 'FINANCE',
          ...purchase,
          terms: [36],
          downPayments: ['0'],
          ...patch,
        } as PaymentGridInput,
        tax,
      );
    expect(fieldOf(fin({ downPayments: ['0', '40000'] }))).toBe('downPayments[1]');
    expect(fieldOf(fin({ terms: [36, 130] }))).toBe('terms[1]');
    expect(fieldOf(fin({ terms: [] }))).toBe('terms');
    expect(fieldOf(fin({ kind: 'BALLOON' }))).toBe('kind');
    const lse = () =>
      paymentGrid(
        {
          kind: 'LEASE',
          ...lease,
          terms: [36],
          residuals: [{ residualPercent: '0.5' }, { residualPercent: '1.2' }],
        },
        tax,
      );
    expect(fieldOf(lse)).toBe('residuals[1].residualPercent');
  });
});
