// The deals list's filter form → DealFilter, with problems named per field.
import { describe, expect, it } from 'vitest';
import { DEAL_STATUSES, EMPTY_DEAL_LIST_FORM, dealListFilter } from '../src/lib/deal-list.ts';
import { ACTION_LABELS } from '../src/lib/desk.ts';

const form = (patch: Partial<typeof EMPTY_DEAL_LIST_FORM>) => ({
  ...EMPTY_DEAL_LIST_FORM,
  ...patch,
});

describe('dealListFilter', () => {
  it('no criteria: no filter', () => {
    expect(dealListFilter(EMPTY_DEAL_LIST_FORM, 'u1')).toEqual({ filter: undefined });
  });

  it('every criterion becomes its filter field', () => {
    expect(
      dealListFilter(
        form({
          status: 'UNWOUND',
          mine: true,
          dealNumber: ' #1042 ',
          from: '2026-11-01',
          to: '2026-11-30',
        }),
        'u1',
      ),
    ).toEqual({
      filter: {
        status: ['UNWOUND'],
        salespersonId: 'u1',
        dealNumber: 1042,
        dealDateFrom: '2026-11-01',
        dealDateTo: '2026-11-30',
      },
    });
  });

  it('bad values are named on their field and nothing is asked', () => {
    expect(dealListFilter(form({ dealNumber: '10a' }), 'u1')).toEqual({
      errors: { dealNumber: expect.stringContaining('whole number') },
    });
    expect(dealListFilter(form({ dealNumber: '0' }), 'u1').errors?.dealNumber).toBeDefined();
    expect(dealListFilter(form({ from: '2026-12-01', to: '2026-11-01' }), 'u1').errors).toEqual({
      to: 'The end date is before the start date.',
    });
  });

  it('lists every status, including unwound deals', () => {
    expect(DEAL_STATUSES).toContain('UNWOUND');
  });
});

describe('desk transitions', () => {
  it('every move the server can offer has a label in words', () => {
    expect(ACTION_LABELS.UNWIND).toBe('Unwind sale');
    expect(Object.values(ACTION_LABELS).every((l) => /^[A-Z][a-z ]+$/.test(l))).toBe(true);
  });
});
