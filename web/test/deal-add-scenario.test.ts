// The desk's quick "add a scenario" form: bad boxes are named before the server is asked, and the
// server's input errors land on the box they are about.
import { describe, expect, it } from 'vitest';
import { addScenarioFieldOf, addScenarioInput } from '../src/lib/deal-add-scenario.ts';

const boxes = {
  apr: '5.9',
  termMonths: '72',
  downPayment: '0',
  moneyFactor: '0.00125',
  residualPercent: '0.58',
  leaseTerm: '36',
  cashDown: '2,000',
};

describe('addScenarioInput', () => {
  it('builds each kind from its boxes', () => {
    expect(addScenarioInput('CASH', boxes)).toEqual({ input: { kind: 'CASH', name: 'Cash' } });
    expect(addScenarioInput('FINANCE', boxes).input).toEqual({
      kind: 'FINANCE',
      name: 'Finance 72 mo',
      finance: { apr: '5.9', termMonths: 72, downPayment: '0' },
    });
    expect(addScenarioInput('LEASE', boxes).input?.lease).toEqual({
      moneyFactor: '0.00125',
      residualPercent: '0.58',
      termMonths: 36,
      cashDown: '2000',
    });
  });

  it('names every bad box of the kind, and only those', () => {
    expect(
      addScenarioInput('FINANCE', {
        ...boxes,
        apr: 'six',
        termMonths: '60.5',
        downPayment: '1.234',
      }).errors,
    ).toEqual({
      apr: expect.stringContaining('APR'),
      termMonths: expect.stringContaining('whole months'),
      downPayment: expect.stringContaining('amount'),
    });
    // A residual typed as a percentage (58) is explained as a fraction.
    expect(
      addScenarioInput('LEASE', { ...boxes, residualPercent: '58', leaseTerm: '0', apr: 'x' })
        .errors,
    ).toEqual({
      residualPercent: expect.stringContaining('0.58 for 58 %'),
      leaseTerm: expect.stringContaining('1 to 120'),
    });
  });
});

describe('addScenarioFieldOf', () => {
  it('maps server fields to the boxes (terms by kind); others go to the banner', () => {
    expect(addScenarioFieldOf('lease.residualPercent')).toBe('residualPercent');
    expect(addScenarioFieldOf('lease.termMonths')).toBe('leaseTerm');
    expect(addScenarioFieldOf('finance.termMonths')).toBe('termMonths');
    expect(addScenarioFieldOf('finance.apr')).toBe('apr');
    expect(addScenarioFieldOf('finance.buyRate')).toBeUndefined();
    expect(addScenarioFieldOf('msrp')).toBeUndefined();
  });
});
