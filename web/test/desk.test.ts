// The desk's in-browser grid: axes parsing, the deal → engine mapping, and the comparison with the
// server's grid.
import { describe, expect, it } from 'vitest';
import { dealEngineInput, financeDeal, paymentGrid, withLocalRates } from '@autolytiq/calc';
import type { DealDeskFragment } from '../src/generated/graphql.ts';
import {
  computeGrid,
  financeGridInput,
  parseDownPayments,
  parseTerms,
  sameGrid,
} from '../src/lib/desk.ts';

const engine = { paymentGrid, dealEngineInput, withLocalRates };

const deal = {
  id: 'd1',
  status: 'DRAFT',
  allowedTransitions: ['SUBMITTED', 'CANCELLED'],
  version: 1,
  dealDate: '2026-11-02',
  buyerState: 'TX',
  buyerZip: null,
  localTaxRate: null,
  vehicleCondition: 'USED',
  msrp: null,
  sellingPrice: '24995.00',
  accessories: '0',
  dealerDiscount: '500',
  docFee: '150',
  titleFee: null,
  registrationFee: null,
  totalRebates: '0',
  rebates: [],
  tradeIns: [
    {
      id: 't1',
      year: 2015,
      make: 'Ford',
      model: 'Focus',
      allowance: '4000',
      payoff: '1500',
      equity: '2500',
    },
  ],
  products: [{ id: 'p1', kind: 'SERVICE_CONTRACT', name: 'VSC', price: '1800' }],
  buyer: null,
  vehicle: null,
  salesperson: null,
  scenarios: [],
  events: [],
  rejectionReason: null,
  createdAt: '2026-11-02T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
} as unknown as DealDeskFragment;

describe('grid axes', () => {
  it('reads down payments and terms as typed', () => {
    expect(parseDownPayments('0 1000, 2,500 $3000 abc 12.345')).toEqual([
      '0',
      '1000',
      '2500',
      '3000',
    ]);
    expect(parseTerms('36, 48 60 x 200')).toEqual([36, 48, 60]);
  });
});

describe('grid in the browser', () => {
  it('equals, cell by cell, the finance scenario the deals service would store', () => {
    // The deals service stores a scenario as financeDeal(dealEngineInput(deal, scenario)); each
    // cell must be that scenario's payment, so a mapping of the browser's own would show here.
    const axes = { apr: '6.9', terms: [48, 60], downPayments: ['0', '2000'] };
    const { rows, error } = computeGrid(deal, axes, engine);
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.termMonths)).toEqual([48, 60]);
    for (const row of rows) {
      for (const cell of row.cells) {
        const stored = financeDeal(
          dealEngineInput(deal, {
            kind: 'FINANCE',
            finance: { apr: '6.9', termMonths: row.termMonths, downPayment: cell.downPayment },
          }) as Parameters<typeof financeDeal>[0],
        );
        expect(cell.monthlyPayment).toBe(stored.monthlyPayment.toFixed(2));
        expect(cell.amountFinanced).toBe(stored.amountFinanced.toFixed(2));
      }
    }
    // More down, lower payment; longer term, lower payment.
    expect(Number(rows[0]!.cells[1]!.monthlyPayment)).toBeLessThan(
      Number(rows[0]!.cells[0]!.monthlyPayment),
    );
    expect(Number(rows[1]!.cells[0]!.monthlyPayment)).toBeLessThan(
      Number(rows[0]!.cells[0]!.monthlyPayment),
    );
  });

  it('takes every input but the axes from the one mapping (trade, discount, taxed products)', () => {
    const input = financeGridInput(deal, { apr: '5', terms: [60], downPayments: ['0'] }, engine);
    const { termMonths, downPayment, ...mapped } = dealEngineInput(deal, {
      kind: 'FINANCE',
      finance: { apr: '5', termMonths: 60, downPayment: '0' },
    }) as unknown as Record<string, unknown>;
    expect([termMonths, downPayment]).toEqual([60, '0.00']);
    expect(input).toEqual({ kind: 'FINANCE', ...mapped, terms: [60], downPayments: ['0'] });
    expect(input).toMatchObject({ tradeInAllowance: '4000.00', serviceContract: '1800.00' });
  });

  it('computes at the dealership’s own local rate, as the server does', () => {
    const localTaxRate = { state: 'CO', zip: '80202', combinedRate: '0.1', stateRate: '0.029' };
    const atRate = {
      ...deal,
      buyerState: 'CO',
      buyerZip: '80202',
      localTaxRate,
    } as unknown as DealDeskFragment;
    const axes = { apr: '6.9', terms: [60], downPayments: ['0'] };
    const withRate = computeGrid(atRate, axes, engine).rows[0]!.cells[0]!;
    const shipped = computeGrid({ ...atRate, localTaxRate: null }, axes, engine).rows[0]!.cells[0]!;
    const stored = financeDeal(
      withLocalRates(
        dealEngineInput(
          atRate,
          { kind: 'FINANCE', finance: { apr: '6.9', termMonths: 60, downPayment: '0' } },
          localTaxRate,
        ),
      ) as Parameters<typeof financeDeal>[0],
    );
    expect(withRate.monthlyPayment).toBe(stored.monthlyPayment.toFixed(2));
    expect(withRate.monthlyPayment).not.toBe(shipped.monthlyPayment);
  });

  it('explains what is missing instead of throwing', () => {
    expect(computeGrid(deal, { apr: '', terms: [60], downPayments: ['0'] }, engine).error).toMatch(
      /APR/,
    );
    expect(computeGrid(deal, { apr: '6', terms: [], downPayments: ['0'] }, engine).error).toMatch(
      /term/,
    );
  });

  it('compares with the server grid cell by cell', () => {
    const { rows } = computeGrid(deal, { apr: '6.9', terms: [60], downPayments: ['0'] }, engine);
    const server = rows.map((r) => ({
      termMonths: r.termMonths,
      cells: r.cells.map((c) => ({ monthlyPayment: c.monthlyPayment })),
    }));
    expect(sameGrid(rows, server)).toBe(true);
    server[0]!.cells[0]!.monthlyPayment = '1.00';
    expect(sameGrid(rows, server)).toBe(false);
  });
});
