// One car, one deal in words ("in deal #1002 (Morgan Lee)"), and the "Mark contracted" dialog's checks.
import { describe, expect, it } from 'vitest';
import { contractFieldOf, contractInput, localToday } from '../src/lib/deal-contract.ts';
import { heldByText } from '../src/lib/held-by.ts';

const d = (id: string, dealNumber: number, name: string | null) => ({
  id,
  dealNumber,
  salesperson: name ? { id: `u-${id}`, displayName: name } : null,
});

describe('heldByText', () => {
  it('names each other open deal by number and salesperson; none is null', () => {
    expect(heldByText([d('a', 1002, 'Morgan Lee')])).toBe('in deal #1002 (Morgan Lee)');
    expect(heldByText([d('a', 1002, 'Morgan Lee'), d('b', 1007, null)])).toBe(
      'in deal #1002 (Morgan Lee), deal #1007',
    );
    expect(heldByText([])).toBeNull();
    expect(heldByText(undefined)).toBeNull();
  });

  it('the deal being edited does not hold its own vehicle', () => {
    expect(heldByText([d('a', 1002, 'Morgan Lee')], 'a')).toBeNull();
    expect(heldByText([d('a', 1002, 'Morgan Lee'), d('b', 1007, 'Sam')], 'a')).toBe(
      'in deal #1007 (Sam)',
    );
  });
});

describe('contractInput', () => {
  const form = {
    lender: ' Ally Financial ',
    contractNumber: 'RIC-778',
    contractDate: '2026-12-06',
  };

  it('a financed deal records lender, number and date', () => {
    expect(contractInput('FINANCE', form).input).toEqual({
      lender: 'Ally Financial',
      contractNumber: 'RIC-778',
      contractDate: '2026-12-06',
    });
  });

  it('a financed or leased deal needs its lender and contract number; cash needs neither', () => {
    const blank = { lender: '', contractNumber: ' ', contractDate: '2026-12-06' };
    for (const kind of ['FINANCE', 'LEASE'] as const)
      expect(contractInput(kind, blank).errors).toEqual({
        lender: 'Enter the lender the contract was sent to.',
        contractNumber: 'Enter the contract number from the signed contract.',
      });
    expect(contractInput('CASH', blank).input).toEqual({
      lender: null,
      contractNumber: null,
      contractDate: '2026-12-06',
    });
    expect(contractInput('CASH', { ...blank, contractDate: '' }).errors).toEqual({
      contractDate: 'Enter the contract date.',
    });
  });

  it('server field paths land on the boxes; today is the local calendar day', () => {
    expect(contractFieldOf('contract.contractNumber')).toBe('contractNumber');
    expect(contractFieldOf('id')).toBeUndefined();
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
