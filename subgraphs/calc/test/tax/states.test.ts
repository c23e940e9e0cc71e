// Every state + DC: trade-in, manufacturer rebate, doc fee, lease method and the state-level tax
// on a $20,000 new vehicle. The expectations below are written by hand from the cited sources
// (not read from the engine's tables), so a wrong table entry fails here.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  leaseTaxTreatment,
  quoteTax,
  stateTaxRules,
  supportedStates,
} from '../../src/engine/tax/index.ts';
import type { LeaseTaxMethod, TaxQuoteInput } from '../../src/engine/tax/index.ts';

const DATE = '2025-06-01';
type Trade = 'FULL' | 'NONE' | 'NEW_ONLY' | 'CAPPED';
type Lease = 'M' | 'T' | 'P';
const LEASE: Record<Lease, LeaseTaxMethod> = {
  M: 'MONTHLY_PAYMENT',
  T: 'UPFRONT_TOTAL_PAYMENTS',
  P: 'UPFRONT_PRICE',
};

interface Expect {
  /** State-level tax (all non-local lines) on a $20,000 new vehicle, no trade, no fees — by hand. */
  tax20k: string;
  trade: Trade;
  /** true = manufacturer rebate reduces the taxable amount. */
  rebateDeducted: boolean;
  docTaxable: boolean;
  lease: Lease;
  local: boolean;
}

// prettier-ignore
const TABLE: Record<string, Expect> = {
  AK: { tax20k: '0.00', trade: 'FULL', rebateDeducted: false, docTaxable: false, lease: 'M', local: true },
  AL: { tax20k: '400.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 2% auto
  AR: { tax20k: '1300.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 6.5%
  AZ: { tax20k: '1120.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 5.6%
  CA: { tax20k: '1450.00', trade: 'NONE', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 7.25%
  CO: { tax20k: '580.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 2.9%
  CT: { tax20k: '1270.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: false }, // 6.35%
  DC: { tax20k: '1080.00', trade: 'NONE', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 5.4%: 4,000 lb, 21 MPG
  DE: { tax20k: '850.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 4.25%
  FL: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 6%
  GA: { tax20k: '1400.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // TAVT 7%
  HI: { tax20k: '800.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // GET 4%
  IA: { tax20k: '1000.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'T', local: false }, // 5%; r. 701-250.4 rebate reduces the price
  ID: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: false }, // 6%
  IL: { tax20k: '1250.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'T', local: true }, // 6.25%; P.A. 98-628 leases
  IN: { tax20k: '1400.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: false }, // 7%
  KS: { tax20k: '1300.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 6.5%
  KY: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 6%
  LA: { tax20k: '1000.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 5% (2025)
  MA: { tax20k: '1250.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: false }, // 6.25%
  MD: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 6% until 2025-06-30 (6.5% from July)
  ME: { tax20k: '1100.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'T', local: false }, // 5.5%
  MI: { tax20k: '1200.00', trade: 'CAPPED', rebateDeducted: false, docTaxable: true, lease: 'M', local: false }, // 6%
  MN: { tax20k: '1375.00', trade: 'FULL', rebateDeducted: true, docTaxable: false, lease: 'T', local: false }, // 6.875% since 2023-07-01
  MO: { tax20k: '845.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: true }, // 4.225%
  MS: { tax20k: '1000.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 5%
  MT: { tax20k: '0.00', trade: 'FULL', rebateDeducted: false, docTaxable: false, lease: 'M', local: false },
  NC: { tax20k: '600.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: false }, // HUT 3%
  ND: { tax20k: '1000.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'T', local: false }, // 5%; NDCC 57-40.3-01(5), NDAC 81-05.1-01-02(2)
  NE: { tax20k: '1100.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: true }, // 5.5%; Form 6 line 3
  NH: { tax20k: '0.00', trade: 'FULL', rebateDeducted: false, docTaxable: false, lease: 'M', local: false },
  NJ: { tax20k: '1325.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'T', local: false }, // 6.625%
  NM: { tax20k: '800.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'P', local: false }, // 4%
  NV: { tax20k: '1370.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 6.85%
  NY: { tax20k: '800.00', trade: 'FULL', rebateDeducted: false, docTaxable: false, lease: 'T', local: true }, // 4%
  OH: { tax20k: '1150.00', trade: 'NEW_ONLY', rebateDeducted: false, docTaxable: true, lease: 'T', local: true }, // 5.75%
  OK: { tax20k: '900.00', trade: 'NONE', rebateDeducted: false, docTaxable: false, lease: 'P', local: false }, // 3.25% + 1.25%; 68 O.S. 2104
  OR: { tax20k: '100.00', trade: 'NONE', rebateDeducted: false, docTaxable: false, lease: 'P', local: false }, // 0.5% new
  PA: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: true }, // 6%
  RI: { tax20k: '1400.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: false }, // 7%; 280-RICR-20-70-28.9 Example 3
  SC: { tax20k: '500.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 5% → $500 cap
  SD: { tax20k: '800.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 4%
  TN: { tax20k: '1444.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 7% + $44
  TX: { tax20k: '1250.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'P', local: false }, // 6.25%
  UT: { tax20k: '970.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 4.85%
  VA: { tax20k: '830.00', trade: 'NONE', rebateDeducted: true, docTaxable: true, lease: 'P', local: false }, // 4.15%
  VT: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'P', local: false }, // 6%
  WA: { tax20k: '1360.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 6.5% + 0.3%
  WI: { tax20k: '1000.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'M', local: true }, // 5%
  WV: { tax20k: '1200.00', trade: 'FULL', rebateDeducted: false, docTaxable: true, lease: 'T', local: false }, // 6%; lease 5% up front
  WY: { tax20k: '800.00', trade: 'FULL', rebateDeducted: true, docTaxable: true, lease: 'M', local: true }, // 4%; rebates assigned to dealer excluded (county treasurers)
};

const d = (s: string | number) => new Decimal(s);
function quote(state: string, extra: Partial<TaxQuoteInput> = {}) {
  return quoteTax({
    state,
    vehicleCondition: 'NEW',
    sellingPrice: d(20000),
    dealDate: DATE,
    ...extra,
  });
}
const taxable = (state: string, extra: Partial<TaxQuoteInput> = {}) =>
  quote(state, extra).taxableAmount.toFixed(2);

it('covers exactly the 50 states and DC', () => {
  expect(supportedStates()).toHaveLength(51);
  expect(Object.keys(TABLE).sort()).toEqual(supportedStates());
});

for (const [st, e] of Object.entries(TABLE)) {
  const src = stateTaxRules(st, DATE).current.sources[0]!;
  const leaseSrc = stateTaxRules(st, DATE).current.lease.sources[0]!;
  describe(st, () => {
    it(`state-level tax on $20,000 new is $${e.tax20k} — ${src}`, () => {
      const q = quote(st);
      const stateLines = q.lines.filter((l) => l.kind === 'STATE' || l.kind === 'SPECIAL');
      const sum = stateLines.reduce((a, l) => a.plus(l.amount), d(0));
      expect(sum.toFixed(2)).toBe(e.tax20k);
      if (e.local) expect(q.notices.join(' ')).toMatch(/local/i);
      else
        expect(q.lines.filter((l) => l.kind !== 'STATE' && l.kind !== 'SPECIAL')).toHaveLength(0);
    });

    it(`trade-in credit ${e.trade} — ${src}`, () => {
      const without = d(taxable(st));
      const withTrade = d(taxable(st, { tradeInAllowance: d(5000) }));
      // $5,000 is under Michigan's 2025 cap ($11,000), so a capped state deducts it in full here.
      const expected = e.trade === 'NONE' ? without : without.minus(5000);
      expect(withTrade.toFixed(2)).toBe(expected.toFixed(2));
      if (e.trade === 'NEW_ONLY') {
        const used = taxable(st, { vehicleCondition: 'USED', tradeInAllowance: d(5000) });
        expect(used).toBe(taxable(st, { vehicleCondition: 'USED' }));
      }
    });

    it(`manufacturer rebate ${e.rebateDeducted ? 'reduces' : 'does not reduce'} the base — ${src}`, () => {
      const without = d(taxable(st));
      const withRebate = taxable(st, { manufacturerRebate: d(1000) });
      expect(withRebate).toBe((e.rebateDeducted ? without.minus(1000) : without).toFixed(2));
      // A dealer rebate is a price reduction everywhere.
      expect(taxable(st, { dealerRebate: d(1000) })).toBe(without.minus(1000).toFixed(2));
    });

    it(`doc fee ${e.docTaxable ? 'taxable' : 'not taxable'} — ${src}`, () => {
      const without = d(taxable(st));
      expect(taxable(st, { docFee: d(400) })).toBe(
        (e.docTaxable ? without.plus(400) : without).toFixed(2),
      );
    });

    it(`lease method ${LEASE[e.lease]} — ${leaseSrc}`, () => {
      expect(leaseTaxTreatment({ state: st, dealDate: DATE }).method).toBe(LEASE[e.lease]);
    });
  });
}
