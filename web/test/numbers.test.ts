// Numbers as people type them, cleaned to what the API takes; a mistyped decimal comma is not.
import { describe, expect, it } from 'vitest';
import { cleanNumber, percentToRate, rateToPercent } from '../src/lib/numbers.ts';
import { scenarioFormSchema } from '../src/lib/scenario-edit.ts';

describe('cleanNumber', () => {
  it('drops the dollar sign, thousands separators and a percent sign', () => {
    expect(cleanNumber('$36,995')).toBe('36995');
    expect(cleanNumber(' 36995.00 ')).toBe('36995.00');
    expect(cleanNumber('$ 1,234,567.89')).toBe('1234567.89');
    expect(cleanNumber('4.9%')).toBe('4.9');
    expect(cleanNumber('4.9 %')).toBe('4.9');
    expect(cleanNumber('4.9')).toBe('4.9');
  });

  it('keeps what is not a thousands separator, so it is refused rather than misread', () => {
    expect(cleanNumber('1,5')).toBe('1,5');
    expect(cleanNumber('12,34')).toBe('12,34');
  });

  it('an APR typed "4.9%" is the rate 4.9; "four" is refused in words', () => {
    const base = {
      kind: 'FINANCE',
      name: '',
      rateMode: 'APR',
      buyRate: '',
      rateMarkup: '',
      termMonths: '60',
      downPayment: '$2,000',
      moneyFactor: '',
      residualMode: 'PERCENT',
      residualPercent: '',
      residualValue: '',
      milesPerYear: '',
      cashDown: '',
    };
    const ok = scenarioFormSchema.safeParse({ ...base, apr: '4.9%' });
    expect(ok.success && ok.data.apr).toBe('4.9');
    expect(ok.success && ok.data.downPayment).toBe('2000');
    const bad = scenarioFormSchema.safeParse({ ...base, apr: 'four' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Enter the rate in percent, such as 4.9 or 4.9%.');
  });
});

describe('percentages and the fractions the API takes', () => {
  it('58 % is 0.58 and back; as typed, with a sign', () => {
    expect(percentToRate('58')).toBe('0.58');
    expect(percentToRate('57.5 %')).toBe('0.575');
    expect(rateToPercent('0.5800')).toBe('58');
    expect(rateToPercent('0.575')).toBe('57.5');
  });
});
