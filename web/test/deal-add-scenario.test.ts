// The desk's quick "add a scenario" form: bad boxes are named before the server is asked, and the
// server's input errors land on the box they are about.
import { describe, expect, it } from 'vitest';
import { addScenarioFieldOf, addScenarioInput } from '../src/lib/deal-add-scenario.ts';

const boxes = {
  apr: '5.9',
  termMonths: '72',
  downPayment: '0',
  moneyFactor: '0.00125',
  residualPercent: '58',
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
      residualRate: '0.58',
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
    // The residual is a percentage of MSRP: a fraction typed out of habit (0.58), more than the car
    // or nothing (there is no preset to forget) is refused.
    expect(
      addScenarioInput('LEASE', { ...boxes, residualPercent: '57.5%' }).input?.lease,
    ).toMatchObject({
      residualRate: '0.575',
    });
    for (const residualPercent of ['580', '0.58', '', 'x'])
      expect(addScenarioInput('LEASE', { ...boxes, residualPercent }).errors).toEqual({
        residualPercent: expect.stringContaining('58 for 58 %'),
      });
    expect(
      addScenarioInput('LEASE', { ...boxes, residualPercent: '580', leaseTerm: '0', apr: 'x' })
        .errors,
    ).toEqual({
      residualPercent: expect.stringContaining('58 for 58 %'),
      leaseTerm: expect.stringContaining('1 to 120'),
    });
  });
});

describe('addScenarioFieldOf', () => {
  it('maps server fields to the boxes (terms by kind); others go to the banner', () => {
    expect(addScenarioFieldOf('lease.residualPercent')).toBe('residualPercent');
    expect(addScenarioFieldOf('lease.residualRate')).toBe('residualPercent');
    expect(addScenarioFieldOf('lease.termMonths')).toBe('leaseTerm');
    expect(addScenarioFieldOf('finance.termMonths')).toBe('termMonths');
    expect(addScenarioFieldOf('finance.apr')).toBe('apr');
    expect(addScenarioFieldOf('finance.buyRate')).toBeUndefined();
    expect(addScenarioFieldOf('msrp')).toBeUndefined();
  });
});
