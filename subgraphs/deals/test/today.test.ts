// A new deal's default date is the dealership's today (its time zone), not the UTC date.
import { describe, expect, it } from 'vitest';
import { today } from '../src/domain/deal-service.ts';

describe("a deal's default date", () => {
  it("is the dealership's date in the evening, when UTC is already tomorrow", () => {
    const evening = new Date('2026-12-07T01:30:00Z'); // 19:30 in Austin on Dec 6
    expect(today('America/Chicago', evening)).toBe('2026-12-06');
    expect(today(undefined, evening)).toBe('2026-12-07');
  });
});
