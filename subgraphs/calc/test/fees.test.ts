// State title fees added from statutes / agency schedules (2026-11-26). Each case cites the
// passage the amount comes from; the expected figures are read off that passage by hand.
import { describe, expect, it } from 'vitest';
import { feeChoices, governmentFees } from '../src/engine/fees.ts';

function title(state: string, dealDate = '2025-06-01') {
  const { fees, notices } = governmentFees({ state, dealDate });
  return { fee: fees.find((f) => f.kind === 'TITLE')!, notices };
}

describe('title fees from the fee table', () => {
  it('Ohio: $15 per certificate of title incl. lien notation — R.C. 4505.09(A)(1)(b)', () => {
    const { fee } = title('OH');
    expect(fee.amount.toFixed(2)).toBe('15.00');
    expect(fee.origin).toBe('table');
  });

  it('Arizona: $4 title — A.R.S. § 28-2003(A)(1); registration (VLT by value) must be entered', () => {
    const { fee, notices } = title('AZ');
    expect(fee.amount.toFixed(2)).toBe('4.00');
    expect(notices).toContain(
      'AZ registration fee is not in the fee table; enter it (not included)',
    );
  });

  it('Indiana: $15 title for a vehicle other than a watercraft — IC 9-17-2-14.5(c)', () => {
    expect(title('IN').fee.amount.toFixed(2)).toBe('15.00');
  });

  it('Kentucky: $9 title application ($6 clerk + $3 cabinet) — KRS 186A.130(1)', () => {
    expect(title('KY').fee.amount.toFixed(2)).toBe('9.00');
  });

  it('Tennessee: $5.50 state (T.C.A. 55-6-101(a)(1)) + clerk $5.50 → $8.50 from 2022-07-01 (55-6-104(a)(3), Pub. Ch. 1003)', () => {
    // 5.50 + 5.50 = 11.00 before; 5.50 + 8.50 = 14.00 from 2022-07-01.
    expect(title('TN', '2022-06-30').fee.amount.toFixed(2)).toBe('11.00');
    expect(title('TN', '2022-07-01').fee.amount.toFixed(2)).toBe('14.00');
  });

  it('Florida: $75.75 original/transfer title (Marion County tax collector schedule from 2009-09-01; s. 319.32(1) $70 component)', () => {
    expect(title('FL').fee.amount.toFixed(2)).toBe('75.75');
    expect(title('FL', '2009-08-31').fee.origin).toBe('unknown');
  });

  it('Delaware: $35 title from 2015-10-01 (HB 140 of 2015, press report — marked SECONDARY)', () => {
    expect(title('DE').fee.amount.toFixed(2)).toBe('35.00');
    expect(title('DE', '2015-09-30').fee.origin).toBe('unknown');
  });

  it('Alabama: $15 title fee + $1.50 designated-agent commission = $16.50 — Ala. Code § 32-8-6(a), (b)', () => {
    expect(title('AL').fee.amount.toFixed(2)).toBe('16.50');
  });

  it('a title fee in the table does not invent a registration fee', () => {
    for (const st of ['OH', 'IN', 'KY', 'TN', 'FL']) {
      const { fees, notices } = governmentFees({ state: st, dealDate: '2025-06-01' });
      expect(fees.find((f) => f.kind === 'REGISTRATION')!.origin).toBe('unknown');
      expect(notices.join(' ')).toMatch(new RegExp(`${st} registration fee`));
    }
  });
});

describe('fee table, second pass (2026-11-26)', () => {
  const fee = (state: string, kind: 'TITLE' | 'REGISTRATION', extra = {}) => {
    const { fees, notices } = governmentFees({ state, dealDate: '2025-06-01', ...extra });
    return { fee: fees.find((f) => f.kind === kind)!, notices };
  };
  it('Georgia: $18 title and $20 annual tag — county tax commissioner schedules (agents of the DOR)', () => {
    // 18.00 + 20.00 = 38.00 in government fees on a GA deal.
    expect(fee('GA', 'TITLE').fee.amount.toFixed(2)).toBe('18.00');
    expect(fee('GA', 'REGISTRATION').fee.amount.toFixed(2)).toBe('20.00');
    expect(fee('GA', 'TITLE').fee.source).toMatch(/buttscountytax/);
  });
  it('Missouri: registration by taxable horsepower (DOR fee table, RSMo 301.055) — the tier is an input', () => {
    expect(fee('MO', 'REGISTRATION', { feeTier: 'HP_24_35' }).fee.amount.toFixed(2)).toBe('24.25');
    expect(fee('MO', 'REGISTRATION', { feeTier: 'HP_72_PLUS' }).fee.amount.toFixed(2)).toBe(
      '51.25',
    );
    const missing = fee('MO', 'REGISTRATION');
    expect(missing.fee.origin).toBe('unknown');
    expect(missing.notices.join(' ')).toMatch(
      /depends on the vehicle's taxable horsepower \(on its title\) \(\$18\.25 for under 12 HP, /,
    );
    expect(missing.notices.join(' ')).not.toMatch(/HP_UNDER_12/);
    // The desk asks it in those words.
    expect(feeChoices('MO', 'REGISTRATION', '2025-06-01')?.choices[6]).toEqual({
      label: '72 HP or more',
      amount: '51.25',
    });
    expect(feeChoices('TX', 'TITLE', '2025-06-01')?.dependsOn).toBe("the buyer's county");
    expect(feeChoices('TX', 'TITLE', '2025-06-01')?.choices.map((c) => c.amount)).toEqual([
      '33.00',
      '28.00',
    ]);
    expect(feeChoices('MO', 'TITLE', '2025-06-01')).toBeNull();
    expect(fee('MO', 'TITLE').fee.amount.toFixed(2)).toBe('8.50');
  });
  it('New Jersey $60, South Carolina $15, Wisconsin $164.50 titles — summaries, marked SECONDARY', () => {
    expect(fee('NJ', 'TITLE').fee.amount.toFixed(2)).toBe('60.00');
    expect(fee('SC', 'TITLE').fee.amount.toFixed(2)).toBe('15.00');
    expect(fee('WI', 'TITLE').fee.amount.toFixed(2)).toBe('164.50');
  });
  it('an amount entered on the deal wins over the table', () => {
    const { fees } = governmentFees({ state: 'GA', dealDate: '2025-06-01', titleFee: '25.00' });
    const t = fees.find((f) => f.kind === 'TITLE')!;
    expect(t.amount.toFixed(2)).toBe('25.00');
    expect(t.origin).toBe('input');
  });
});
