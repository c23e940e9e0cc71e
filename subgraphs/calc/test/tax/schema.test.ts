// The rules table as data: every record complete (validateRecord), versions contiguous, every
// version cites a source, and the table answers for every state on every date since 2021.
import { describe, expect, it } from 'vitest';
import { ALL_RECORDS } from '../../src/engine/tax/rules.ts';
import { stateTaxRules, supportedStates, validateRecord } from '../../src/engine/tax/index.ts';
import {
  ALL_SHIPPED_LOCAL as SHIPPED_LOCAL_RATES,
  normPlace,
} from '../../src/engine/tax/shipped-local.ts';
import { COUNTIES } from '../../src/engine/tax/data/generated/zip-index.ts';

function nextDay(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('rule table schema', () => {
  it.each(ALL_RECORDS.map((r) => [r.state, r] as const))('%s record is complete', (_st, rec) => {
    expect(validateRecord(rec)).toEqual([]);
  });

  it('versions are contiguous (no gap between one version’s end and the next start)', () => {
    for (const rec of ALL_RECORDS) {
      for (let i = 1; i < rec.versions.length; i++) {
        expect(`${rec.state} ${rec.versions[i]!.effectiveFrom}`).toBe(
          `${rec.state} ${nextDay(rec.versions[i - 1]!.effectiveTo!)}`,
        );
      }
    }
  });

  it('every state has a rule on the first and last day of each year 2021-2026', () => {
    for (const st of supportedStates()) {
      for (let y = 2021; y <= 2026; y++) {
        for (const date of [`${y}-01-01`, `${y}-12-31`]) {
          expect(stateTaxRules(st, date).current.effectiveFrom <= date).toBe(true);
        }
      }
    }
  });

  it('validateRecord catches missing pieces', () => {
    const rec = structuredClone(ALL_RECORDS.find((r) => r.state === 'TX')!);
    rec.versions[0]!.sources = [];
    (rec.versions[0] as { verified: boolean }).verified = false;
    delete rec.versions[0]!.assumptions;
    rec.versions[0]!.stateRate = '6.25';
    const errs = validateRecord(rec).join('\n');
    expect(errs).toMatch(/sources/);
    expect(errs).toMatch(/stateRate/);
    expect(errs).toMatch(/assumptions/);
  });

  it('stateTaxRules exposes the record and the version in force', () => {
    const ga = stateTaxRules('ga', '2021-05-01');
    expect(ga.state).toBe('GA');
    expect(ga.current.stateRate).toBe('0.066');
    expect(ga.versions.length).toBeGreaterThanOrEqual(4);
  });

  it('every shipped county exists in the ZIP index (names match as the engine compares them)', () => {
    const norm = (sc: string) => `${sc.slice(0, 2)}|${normPlace(sc.slice(3))}`;
    const counties = new Set(COUNTIES.split('\n').map(norm));
    for (const r of SHIPPED_LOCAL_RATES)
      expect(counties.has(norm(`${r.state}|${r.county}`)), `${r.state} ${r.county}`).toBe(true);
  });

  it('shipped local rates cite a source and are fractions below 5%', () => {
    for (const r of SHIPPED_LOCAL_RATES) {
      expect(r.source).toMatch(/^https:\/\//);
      expect(r.publication, `${r.state} ${r.county} names its publication`).toBeTruthy();
      for (const l of r.lines) expect(Number(l.rate)).toBeLessThan(0.05);
    }
  });
});
