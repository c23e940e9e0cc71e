import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  optionalMoney,
  parseApr,
  parseDecimal,
  parseFraction,
  parseMoney,
  parseTermMonths,
  roundCents,
} from '../src/engine/money.ts';
import { addMonths, monthsAndDaysBack, parseIsoDate, toIsoDate } from '../src/engine/dates.ts';
import { fieldOf } from './calc-helpers.ts';

describe('money parsing and rounding', () => {
  it('rounds half-up to the cent (0.005 → 0.01, 2.675 → 2.68, −0.005 → −0.01)', () => {
    expect(roundCents(new Decimal('0.005')).toFixed(2)).toBe('0.01');
    expect(roundCents(new Decimal('2.675')).toFixed(2)).toBe('2.68'); // a float would give 2.67
    expect(roundCents(new Decimal('2.6749999')).toFixed(2)).toBe('2.67');
    expect(roundCents(new Decimal('-0.005')).toFixed(2)).toBe('-0.01');
  });

  it('accepts Decimal, numeric strings and finite numbers', () => {
    expect(parseMoney('123.45', 'price').toFixed(2)).toBe('123.45');
    expect(parseMoney(new Decimal('10'), 'price').toFixed(2)).toBe('10.00');
    expect(parseMoney(7.5, 'price').toFixed(2)).toBe('7.50');
    expect(optionalMoney(undefined, 'x').isZero()).toBe(true);
  });

  it('refuses non-numeric, negative, sub-cent and absurd money, naming the field', () => {
    for (const bad of ['abc', '', '  ', NaN, Infinity, {}, true, null, '1e999']) {
      expect(fieldOf(() => parseMoney(bad, 'sellingPrice'))).toBe('sellingPrice');
    }
    expect(fieldOf(() => parseMoney('-0.01', 'docFee'))).toBe('docFee');
    expect(fieldOf(() => parseMoney('10.001', 'docFee'))).toBe('docFee');
    expect(fieldOf(() => parseMoney('1000000000', 'docFee'))).toBe('docFee');
    expect(fieldOf(() => parseDecimal(undefined, 'apr'))).toBe('apr');
  });

  it('APR must be 0–100 percent, terms whole months 1–240, fractions within bounds', () => {
    expect(parseApr('0').toFixed(2)).toBe('0.00');
    expect(parseApr('100').toFixed(2)).toBe('100.00');
    expect(fieldOf(() => parseApr('100.01'))).toBe('apr');
    expect(fieldOf(() => parseApr('-1'))).toBe('apr');
    expect(parseTermMonths(240)).toBe(240);
    for (const bad of [0, 241, 12.5, '36', -3])
      expect(fieldOf(() => parseTermMonths(bad))).toBe('termMonths');
    expect(fieldOf(() => parseFraction('1.5', 'taxRateOverride'))).toBe('taxRateOverride');
  });
});

describe('calendar helpers', () => {
  it('parses strict ISO dates and round-trips them', () => {
    expect(toIsoDate(parseIsoDate('2024-02-29', 'd'))).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-5', '2024-01-05T00:00', 20240105]) {
      expect(fieldOf(() => parseIsoDate(bad, 'contractDate'))).toBe('contractDate');
    }
  });
  it('adds months clamping to month end (Jan 31 + 1 = Feb 29 in 2024, + 2 = Mar 31)', () => {
    const jan31 = parseIsoDate('2024-01-31', 'd');
    expect(toIsoDate(addMonths(jan31, 1))).toBe('2024-02-29');
    expect(toIsoDate(addMonths(jan31, 2))).toBe('2024-03-31');
    expect(toIsoDate(addMonths(jan31, -2))).toBe('2023-11-30');
  });
  it('counts whole months back from the later date, odd days at the start', () => {
    // 1978-02-10 → 1978-04-01: back one month is 03-01 (≥ 02-10); 02-10 → 03-01 is 19 days.
    const r = monthsAndDaysBack(parseIsoDate('1978-02-10', 'a'), parseIsoDate('1978-04-01', 'b'));
    expect(r).toEqual({ months: 1, days: 19 });
    const far = monthsAndDaysBack(parseIsoDate('2020-01-15', 'a'), parseIsoDate('2027-01-20', 'b'));
    expect(far).toEqual({ months: 84, days: 5 });
  });
});
