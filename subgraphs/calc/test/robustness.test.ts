// Bad input must never crash the engine or produce a number silently: any field replaced by junk
// either still computes (when the junk is a valid value) or throws CalcInputError naming a field.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalcEngine } from '../src/engine/engine.ts';
import { aprFromSchedule } from '../src/engine/appendix-j.ts';
import { CalcInputError } from '../src/engine/errors.ts';
import { defaultTax } from '../src/engine/index.ts';
import { flatTax } from './calc-helpers.ts';

const engine = createCalcEngine({ tax: flatTax('0.0625') });

const junk = fc.oneof(
  fc.anything(),
  fc.constantFrom('', 'NaN', '-1', '1e400', '12.345', 'Infinity', '0x10', ' 7 ', null, [], {}),
  fc.double(),
  fc.integer(),
);

const finance: Record<string, unknown> = {
  state: 'TX',
  vehicleCondition: 'NEW',
  sellingPrice: '30000',
  tradeInAllowance: '5000',
  tradeInPayoff: '2000',
  docFee: '150',
  titleFee: '33',
  registrationFee: '50',
  serviceContract: '1500',
  otherProducts: [{ name: 'Etch', amount: '199' }],
  downPayment: '2000',
  apr: '6.9',
  termMonths: 72,
  contractDate: '2025-03-10',
};

const lease: Record<string, unknown> = {
  state: 'TX',
  dealDate: '2025-03-10',
  titleFee: '0',
  registrationFee: '0',
  msrp: '40000',
  sellingPrice: '38000',
  capitalizedFees: '695',
  cashDown: '2000',
  rebates: '500',
  residualPercent: '0.55',
  moneyFactor: '0.0021',
  termMonths: 36,
};

/** Runs `call` and accepts a result or a CalcInputError with a non-empty field; anything else fails. */
function onlyInputErrors(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(CalcInputError);
    expect((error as CalcInputError).field.length).toBeGreaterThan(0);
  }
}

describe('robustness: junk in any field', () => {
  it('finance deal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(finance)), junk, (field, value) => {
        onlyInputErrors(() => engine.financeDeal({ ...finance, [field]: value } as never));
      }),
      { numRuns: 400 },
    );
  });

  it('cash deal and grid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(finance), 'terms', 'downPayments'),
        junk,
        (field, value) => {
          onlyInputErrors(() =>
            engine.cashDeal({ ...finance, dealDate: '2025-03-10', [field]: value } as never),
          );
          const grid = {
            kind: 'FINANCE',
            ...finance,
            terms: [36, 60],
            downPayments: ['0', '1000'],
          };
          onlyInputErrors(() => engine.paymentGrid({ ...grid, [field]: value } as never));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lease deal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(lease)), junk, (field, value) => {
        onlyInputErrors(() => engine.leaseDeal({ ...lease, [field]: value } as never));
      }),
      { numRuns: 400 },
    );
  });

  it('aprFromSchedule', () => {
    const good = {
      amount: '5000',
      advanceDate: '2024-01-10',
      payments: [{ amount: '230', count: 24, firstDate: '2024-02-10', frequency: 'MONTHLY' }],
    };
    fc.assert(
      fc.property(
        fc.constantFrom(
          'amount',
          'advanceDate',
          'payments',
          'p.amount',
          'p.count',
          'p.firstDate',
          'p.frequency',
          'p.dayOfMonth',
        ),
        junk,
        (field, value) => {
          const input = field.startsWith('p.')
            ? { ...good, payments: [{ ...good.payments[0], [field.slice(2)]: value }] }
            : { ...good, [field]: value };
          onlyInputErrors(() => aprFromSchedule(input as never));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('aprFromSchedule: an object without a prototype (fast-check found it) is bad input, not a TypeError', () => {
    const payment = { amount: '230', count: 24, firstDate: '2024-02-10', frequency: 'MONTHLY' };
    for (const field of ['frequency', 'dayOfMonth']) {
      const input = {
        amount: '5000',
        advanceDate: '2024-01-10',
        payments: [{ ...payment, [field]: Object.create(null) as unknown }],
      };
      expect(() => aprFromSchedule(input as never)).toThrow(CalcInputError);
    }
  });

  it('with the real tax engine: junk in the tax fields (state, zip, condition, override, dates)', () => {
    const real = createCalcEngine({ tax: defaultTax });
    const taxFields = [
      'state',
      'zip',
      'vehicleCondition',
      'taxRateOverride',
      'taxExempt',
      'fairMarketValue',
      'contractDate',
      'dealDate',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...taxFields), junk, (field, value) => {
        onlyInputErrors(() => real.financeDeal({ ...finance, [field]: value } as never));
        onlyInputErrors(() => real.leaseDeal({ ...lease, [field]: value } as never));
      }),
      { numRuns: 400 },
    );
  });

  it('non-object inputs', () => {
    for (const bad of [null, undefined, 42, 'deal', []]) {
      onlyInputErrors(() => engine.financeDeal(bad as never));
      onlyInputErrors(() => engine.leaseDeal(bad as never));
      onlyInputErrors(() => aprFromSchedule(bad as never));
    }
  });
});
