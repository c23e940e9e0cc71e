import { describe, expect, it } from 'vitest';
import { applyPatch, isTimezone, type DealershipRecord } from '../src/domain/dealerships.ts';

const current: DealershipRecord = {
  id: 'd1',
  name: 'Demo Motors',
  legalName: 'Demo Motors LLC',
  address: {
    line1: '1 Main',
    line2: null,
    city: 'Austin',
    state: 'TX',
    zip: '78701',
    county: 'Travis',
  },
  timezone: 'America/Chicago',
  currency: 'USD',
  auditRetentionDays: 2555,
  taxId: null,
  phone: null,
  logoUrl: null,
  hours: [],
  version: 3,
};

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return undefined;
}

describe('dealership profile rules', () => {
  it('keeps the audit retention within 1 to 10 years', () => {
    expect(applyPatch(current, { auditRetentionDays: 365 }).auditRetentionDays).toBe(365);
    for (const bad of [364, 3651, 400.5])
      expect(fieldOf(() => applyPatch(current, { auditRetentionDays: bad }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.auditRetentionDays',
      });
  });

  it('applies only the fields given, trimmed', () => {
    const next = applyPatch(current, { name: '  Demo Motors North ' });
    expect(next).toEqual({ ...current, name: 'Demo Motors North' });
  });

  it('normalizes the address and refuses bad parts, naming the field', () => {
    const next = applyPatch(current, {
      address: { line1: '2 Oak', city: 'Denver', state: 'co', zip: '80202' },
    });
    expect(next.address).toEqual({
      line1: '2 Oak',
      line2: null,
      city: 'Denver',
      state: 'CO',
      zip: '80202',
      county: null,
    });
    expect(
      fieldOf(() => applyPatch(current, { address: { ...current.address, state: 'XX' } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.address.state',
    });
    expect(
      fieldOf(() => applyPatch(current, { address: { ...current.address, zip: '7870' } })),
    ).toMatchObject({
      field: 'input.address.zip',
    });
    expect(fieldOf(() => applyPatch(current, { name: '   ' }))).toMatchObject({
      field: 'input.name',
    });
  });

  it('knows IANA time zones', () => {
    expect(isTimezone('America/Denver')).toBe(true);
    expect(isTimezone('Mars/Olympus')).toBe(false);
    expect(isTimezone('EST')).toBe(false);
  });
});
