// ADF lead parsing: realistic sample leads (clean, sloppy, e-mail wrapped) and broken XML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAdf, phoneKindOf } from '../src/domain/adf.ts';
import { parseAdfDate } from '../src/domain/adf-dates.ts';
import { leadSummary } from '../src/domain/adf-summary.ts';

const sample = (name: string) =>
  readFileSync(new URL(`./fixtures/adf/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2026-11-26T12:00:00Z');

function badInputOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    return (e as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected an error');
}

describe('ADF parsing', () => {
  it('reads a clean Cars.com lead completely', () => {
    const lead = parseAdf(sample('cars-com.xml'), NOW);
    expect(lead.warnings).toEqual([]);
    expect(lead).toMatchObject({
      prospectId: 'CC-8841207',
      prospectSource: 'cars.com',
      firstName: 'Maria',
      lastName: 'Gonzalez',
      emails: ['maria.gonzalez@example.com'],
      phones: [
        { number: '+15125550142', kind: 'OTHER' },
        { number: '+15125550199', kind: 'MOBILE' },
      ],
      address: {
        line1: '1100 Congress Ave',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        county: 'Travis',
      },
      providerName: 'Cars.com',
      providerService: 'Used vehicle lead',
      vendorName: 'Autolytiq Demo Motors',
      timeframe: 'Within a week',
    });
    expect(lead.requestDate?.toISOString()).toBe('2026-11-20T20:32:10.000Z');
    expect(lead.vehicles).toEqual([
      {
        interest: 'buy',
        status: 'used',
        year: 2021,
        make: 'Honda',
        model: 'Civic',
        trim: 'EX',
        vin: '1G4AH59H45G118341',
        stock: 'U4471',
        price: '21995.00',
        odometer: 31204,
        comments: 'Is this still available?',
      },
    ]);
    const summary = leadSummary(lead);
    expect(summary).toContain('ADF lead from Cars.com (Used vehicle lead) #CC-8841207');
    expect(summary).toContain(
      'buy: used 2021 Honda Civic EX (VIN 1G4AH59H45G118341, stock U4471, price $21995.00, 31,204 miles)',
    );
    expect(summary).toContain('Customer comments: Looking to buy this week');
  });

  it('reads a sloppy lead (ADF header before the XML declaration, upper-case tags, odd phones and date) and reports what it could not read', () => {
    const lead = parseAdf(sample('sloppy-header.xml'), NOW);
    expect(lead.firstName).toBe('Robert');
    expect(lead.lastName).toBe('Smith');
    expect(lead.emails).toEqual([]);
    expect(lead.phones).toEqual([
      { number: '+17375550123', kind: 'MOBILE' },
      { number: '+17375550188', kind: 'WORK' },
    ]);
    expect(lead.requestDate?.toISOString()).toBe('2026-11-21T09:05:00.000Z');
    expect(lead.customerComments).toBe('Can I come Saturday? Johnson & Sons referred me');
    const byPath = Object.fromEntries(lead.warnings.map((w) => [w.path, w.message]));
    expect(byPath['(document)']).toMatch(/Unescaped "&"/);
    expect(byPath['prospect.customer.contact.email[0]']).toMatch(/not an email/);
    expect(byPath['prospect.customer.contact.phone[1]']).toMatch(/Extension dropped/);
    expect(byPath['prospect.customer.contact.phone[2]']).toMatch(/Fax/);
    expect(byPath['prospect.customer.contact.phone[3]']).toMatch(/10-digit/);
    expect(byPath['prospect.requestdate']).toMatch(/UTC/);
    expect(lead.vehicles[0]).toMatchObject({
      interest: 'test-drive',
      year: 2027,
      make: 'Toyota',
      model: 'RAV4',
    });
  });

  it('reads an AutoTrader re-send with a compact date, two vehicles and an address that does not agree', () => {
    const lead = parseAdf(sample('autotrader.xml'), NOW);
    expect(lead).toMatchObject({ firstName: 'Dana', middleName: 'Lee', lastName: 'Whitfield' });
    expect(lead.requestDate?.toISOString()).toBe('2026-11-19T08:15:00.000Z');
    expect(lead.phones).toEqual([{ number: '+13035550147', kind: 'OTHER' }]);
    expect(lead.address).toBeNull();
    expect(lead.vehicles).toHaveLength(2);
    expect(lead.vehicles[0]).toMatchObject({ interest: 'lease', price: '26450.00' });
    expect(lead.vehicles[1]).toMatchObject({
      interest: 'trade-in',
      year: null,
      odometer: null,
      make: 'Ford',
    });
    const paths = lead.warnings.map((w) => w.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'prospect',
        'prospect.requestdate',
        'prospect.vehicle[1].year',
        'prospect.vehicle[1].odometer',
        'prospect.customer.contact.address',
      ]),
    );
    expect(
      lead.warnings.find((w) => w.path === 'prospect.customer.contact.address')!.message,
    ).toMatch(/80202 is in CO|Denver/);
    expect(lead.timeframe).toBe('1-3 months from 2026-12-01');
  });

  it('reads a lead wrapped in mail text with a DOCTYPE and an RFC 2822 date', () => {
    const lead = parseAdf(sample('email-wrapped.txt'), NOW);
    expect(lead).toMatchObject({
      firstName: 'Priya',
      lastName: 'Natarajan',
      emails: ['priya.n@example.org'],
      prospectId: 'TC-5501',
      prospectSource: 'TrueCar',
    });
    expect(lead.requestDate?.toISOString()).toBe('2026-11-20T21:45:00.000Z');
    expect(lead.warnings.map((w) => w.path).sort()).toEqual(['(epilogue)', '(prologue)']);
  });

  it('refuses malformed XML and non-ADF documents with BAD_USER_INPUT on field xml', () => {
    const broken =
      '<adf><prospect><customer><contact><name>Jo</contact></customer></prospect></adf>';
    const e = badInputOf(() => parseAdf(broken));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'xml' });
    expect(String(e.line)).toMatch(/^\d+$/);
    expect(badInputOf(() => parseAdf('hello'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'xml',
    });
    expect(badInputOf(() => parseAdf('<adf><prospect>'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(badInputOf(() => parseAdf('<adf></adf>'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      badInputOf(() => parseAdf('<adf><prospect><requestdate/></prospect></adf>')),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'xml',
    });
    expect(badInputOf(() => parseAdf(`<adf>${'x'.repeat(300 * 1024)}</adf>`))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // An entity-expansion bomb in the DOCTYPE is ignored, not expanded.
    const bomb = `<?xml version="1.0"?><!DOCTYPE adf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <adf><prospect><customer><contact><name>&b;</name></contact></customer></prospect></adf>`;
    const lead = parseAdf(bomb, NOW);
    expect(lead.firstName ?? '').not.toContain('aaaa');
    expect(lead.warnings.map((w) => w.message)).toContain(
      'The DOCTYPE internal subset was ignored.',
    );
  });

  it('leaves CDATA alone (no ampersand fix-up inside it)', () => {
    const lead = parseAdf(
      `<adf><prospect><requestdate>2026-11-20T10:00:00Z</requestdate><customer><contact><name part="first">Ann</name><name part="last">Lee</name></contact><comments><![CDATA[Wants <b>red</b> & cheap]]></comments></customer></prospect></adf>`,
      NOW,
    );
    expect(lead.customerComments).toBe('Wants <b>red</b> & cheap');
    expect(lead.warnings).toEqual([]);
  });

  it('reads the date formats feeds send', () => {
    const iso = (s: string) => parseAdfDate(s)?.date.toISOString() ?? null;
    expect(iso('2026-11-20T14:32:10-06:00')).toBe('2026-11-20T20:32:10.000Z');
    expect(iso('2026-11-20T14:32:10-0600')).toBe('2026-11-20T20:32:10.000Z');
    expect(iso('2026-11-20 14:32')).toBe('2026-11-20T14:32:00.000Z');
    expect(iso('2026-11-20T14:32:10.123Z')).toBe('2026-11-20T14:32:10.000Z');
    expect(iso('2026-11-20')).toBe('2026-11-20T00:00:00.000Z');
    expect(iso('11/20/2026 2:32 PM')).toBe('2026-11-20T14:32:00.000Z');
    expect(iso('11/20/2026 12:05 AM')).toBe('2026-11-20T00:05:00.000Z');
    expect(iso('20 Nov 2026 14:32:10 GMT')).toBe('2026-11-20T14:32:10.000Z');
    expect(parseAdfDate('2026-11-20T14:32:10')?.zoned).toBe(false);
    expect(iso('02/30/2026')).toBeNull();
    expect(iso('next tuesday')).toBeNull();
    expect(iso('13/01/2026')).toBeNull();
  });

  it('maps phone types in and outside the DTD', () => {
    expect(phoneKindOf('cellphone')).toBe('MOBILE');
    expect(phoneKindOf('Cell Phone')).toBe('MOBILE');
    expect(phoneKindOf('mobile')).toBe('MOBILE');
    expect(phoneKindOf('home')).toBe('HOME');
    expect(phoneKindOf('WORK')).toBe('WORK');
    expect(phoneKindOf('fax')).toBe('FAX');
    expect(phoneKindOf('voice')).toBe('OTHER');
    expect(phoneKindOf(null)).toBe('OTHER');
  });
});
