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

  it('lease grid with capitalized up-front tax matches the lease deal cell by cell', () => {
    const upfront = flatTax('0.07', { method: 'UPFRONT_TOTAL_PAYMENTS' });
    const input = { ...lease, capitalizeUpfrontTax: true };
    const grid = paymentGrid(
      { kind: 'LEASE', ...input, terms: [36, 48], residuals: [{ residualPercent: '0.55' }] },
      upfront,
    );
    if (grid.kind !== 'LEASE') throw new Error('kind');
    [36, 48].forEach((termMonths, r) => {
      const deal = leaseDeal({ ...input, residualPercent: '0.55', termMonths }, upfront);
      expect(grid.cells[r]![0]!.basePayment.toFixed(2)).toBe(deal.basePayment.toFixed(2));
      expect(grid.cells[r]![0]!.dueAtSigning.toFixed(2)).toBe(deal.dueAtSigning.toFixed(2));
    });
  });

  it('rate sheets by term (aprByTerm) and residual tables by term (residualPercentByTerm)', () => {
    const fin = paymentGrid(
      {
        kind: 'FINANCE',
        ...purchase,
        terms: [60, 72],
        downPayments: ['1000'],
        aprByTerm: { 72: '6.49' },
      },
      tax,
    );
    if (fin.kind !== 'FINANCE') throw new Error('kind');
    const at72 = financeDeal(
      { ...purchase, apr: '6.49', termMonths: 72, downPayment: '1000' },
      tax,
    );
    const at60 = financeDeal({ ...purchase, termMonths: 60, downPayment: '1000' }, tax);
    expect(fin.cells[1]![0]!.monthlyPayment.toFixed(2)).toBe(at72.monthlyPayment.toFixed(2));
    expect(fin.cells[0]![0]!.monthlyPayment.toFixed(2)).toBe(at60.monthlyPayment.toFixed(2));

    const residuals = [
      { label: '12k', residualPercent: '0.55', residualPercentByTerm: { 24: '0.64' } },
    ];
    const lse = paymentGrid({ kind: 'LEASE', ...lease, terms: [24, 36], residuals }, tax);
    if (lse.kind !== 'LEASE') throw new Error('kind');
    expect(lse.cells[0]![0]!.residualValue.toFixed(2)).toBe('23040.00'); // 36000 × 0.64
    expect(lse.cells[1]![0]!.residualValue.toFixed(2)).toBe('19800.00'); // 36000 × 0.55
    const bad = [{ residualPercent: '0.55', residualPercentByTerm: { 36: '1.5' } }];
    expect(
      fieldOf(() => paymentGrid({ kind: 'LEASE', ...lease, terms: [36], residuals: bad }, tax)),
    ).toBe('residuals[0].residualPercentByTerm.36');
    expect(
      fieldOf(() =>
        paymentGrid(
          {
            kind: 'FINANCE',
            ...purchase,
            terms: [72],
            downPayments: ['0'],
            aprByTerm: { 72: '130' },
          },
          tax,
        ),
      ),
    ).toBe('aprByTerm.72');
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
    expect(fieldOf(fin({ terms: [36, 250] }))).toBe('terms[1]');
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
