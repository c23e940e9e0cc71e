import { afterEach, describe, expect, it } from 'vitest';
import { date } from '../src/lib/format.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('date', () => {
  it('shows a calendar date as that day in a US time zone (not the day before)', () => {
    process.env.TZ = 'America/Chicago';
    expect(date('2026-11-20')).toBe('11/20/2026');
    expect(date('2026-01-01')).toBe('1/1/2026');
  });

  it('still shows instants in local time, and odd text as given', () => {
    process.env.TZ = 'America/Chicago';
    expect(date('2026-11-20T03:00:00Z')).toBe('11/19/2026');
    expect(date('not a date')).toBe('not a date');
    expect(date(null)).toBe('—');
  });
});
