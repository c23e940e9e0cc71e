// The TaxJar client and its cache against a protocol-level stand-in on loopback: the real request
// (path, query, bearer token) and answer shapes; one lookup per address per day; a slow or failing
// provider never holds a quote longer than the timeout, and the last good answer is used.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { quoteTax } from '../../src/engine/index.ts';
import { CachedRates } from '../../src/domain/rates/cached-rates.ts';
import { TaxJarClient } from '../../src/domain/rates/taxjar.ts';
import { providerWanted } from '../../src/domain/local-sources.ts';
import { CLEVELAND, startTaxJarStandIn, type TaxJarStandIn } from './taxjar-stand-in.ts';

let api: TaxJarStandIn;
beforeAll(async () => {
  api = await startTaxJarStandIn();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.rates.clear();
  api.rates.set('44114', CLEVELAND);
  api.log.length = 0;
  api.delayMs = 0;
  api.failWith = 0;
});

const client = (token = api.token) =>
  new TaxJarClient({ token, baseUrl: api.url, now: () => new Date('2026-12-06T15:00:00Z') });
const cleveland = { state: 'OH', zip: '44114', city: 'Cleveland' };

describe('TaxJar client (GET /v2/rates/:zip)', () => {
  it('sends the token and address, and maps the answer to rate parts', async () => {
    const r = await client().rateFor(cleveland, AbortSignal.timeout(2000));
    expect(api.log).toEqual([
      { path: '/v2/rates/44114?country=US&state=OH&city=Cleveland', auth: 'Bearer test-token' },
    ]);
    expect(r).toMatchObject({
      provider: 'TaxJar',
      state: 'OH',
      zip: '44114',
      region: 'CLEVELAND, CUYAHOGA',
    });
    expect(r.combinedRate.toString()).toBe('0.08');
    expect(r.countyRate!.toString()).toBe('0.0125');
    expect(r.specialRate!.toString()).toBe('0.01');
    expect(r.fetchedAt).toBe('2026-12-06T15:00:00.000Z');
  });
  it('a refused token is an error naming TaxJar’s answer', async () => {
    await expect(client('wrong').rateFor(cleveland, AbortSignal.timeout(2000))).rejects.toThrow(
      /HTTP 401: Not authorized/,
    );
  });
  it('an answer without a combined rate is refused', async () => {
    api.rates.set('44114', { ...CLEVELAND, combined_rate: '' });
    await expect(client().rateFor(cleveland, AbortSignal.timeout(2000))).rejects.toThrow(
      /no combined_rate/,
    );
  });
});

describe('cached rates', () => {
  it('asks once per address per day; another address is its own lookup', async () => {
    let now = 0;
    const rates = new CachedRates(client(), { now: () => now });
    for (let i = 0; i < 5; i++) expect((await rates.rateFor(cleveland)).rate).toBeDefined();
    expect(api.log).toHaveLength(1);
    api.rates.set('44115', { ...CLEVELAND, zip: '44115' });
    await rates.rateFor({ ...cleveland, zip: '44115' });
    expect(api.log).toHaveLength(2);
    now = 24 * 3600_000 - 1;
    await rates.rateFor(cleveland);
    expect(api.log).toHaveLength(2);
    now = 24 * 3600_000;
    await rates.rateFor(cleveland);
    expect(api.log).toHaveLength(3);
  });
  it('concurrent quotes for one address share one request', async () => {
    const rates = new CachedRates(client());
    api.delayMs = 50;
    await Promise.all([1, 2, 3, 4].map(() => rates.rateFor(cleveland)));
    expect(api.log).toHaveLength(1);
  });
  it('a slow provider: no answer yet → none, with a notice; the late answer serves the next quote', async () => {
    const rates = new CachedRates(client(), { timeoutMs: 50 });
    api.delayMs = 600;
    const a = await rates.rateFor(cleveland);
    expect(a.rate).toBeUndefined();
    expect(a.notice).toBe('TaxJar did not answer within 50 ms');
    // The late answer still lands in the cache for the next quote.
    await new Promise((r) => setTimeout(r, 800));
    expect((await rates.rateFor(cleveland)).rate?.combinedRate.toString()).toBe('0.08');
    expect(api.log).toHaveLength(1);
  });
  it('a failing provider: the last good answer, marked stale; then a pause before asking again', async () => {
    let now = 0;
    const rates = new CachedRates(client(), { now: () => now, backoffMs: 30_000 });
    await rates.rateFor(cleveland);
    now = 25 * 3600_000;
    api.failWith = 500;
    const a = await rates.rateFor(cleveland);
    expect(a.rate?.stale).toBe(true);
    expect(a.notice).toMatch(/TaxJar failed: TaxJar answered HTTP 500/);
    expect(api.log).toHaveLength(2);
    now += 1000;
    const b = await rates.rateFor(cleveland);
    expect(b.rate?.stale).toBe(true);
    expect(api.log).toHaveLength(2); // inside the pause: not asked
    api.failWith = 0;
    now += 30_000;
    expect((await rates.rateFor(cleveland)).rate?.stale).toBeUndefined();
    expect(api.log).toHaveLength(3);
  });
  it('an unknown ZIP (404) fails that address only: the next address is still asked', async () => {
    const rates = new CachedRates(client());
    expect((await rates.rateFor({ ...cleveland, zip: '99999' })).notice).toMatch(/HTTP 404/);
    expect((await rates.rateFor(cleveland)).rate).toBeDefined();
    expect(api.log).toHaveLength(2);
  });
  it('a provider that is down (connection refused) is an answer-less notice, not an error', async () => {
    const down = new CachedRates(new TaxJarClient({ token: 't', baseUrl: 'http://127.0.0.1:9' }));
    const a = await down.rateFor(cleveland);
    expect(a.rate).toBeUndefined();
    expect(a.notice).toMatch(/^TaxJar failed/);
  });
});

describe('provider answers in quotes', () => {
  it('Cleveland through TaxJar: lines marked PROVIDER, 1725 + 375 + 300 = 2400', async () => {
    const { rate } = await new CachedRates(client()).rateFor(cleveland);
    const q = quoteTax({
      state: 'OH',
      zip: '44114',
      vehicleCondition: 'NEW',
      sellingPrice: new Decimal(30000),
      dealDate: '2026-12-06',
      providerRate: rate!,
    });
    expect(q.lines.map((l) => `${l.origin} ${l.amount.toFixed(2)}`)).toEqual([
      'STATE_RULE 1725.00',
      'PROVIDER 375.00',
      'PROVIDER 300.00',
    ]);
  });
  it('a provider notice is passed on when the shipped table answers instead', () => {
    const q = quoteTax({
      state: 'OH',
      zip: '44114',
      vehicleCondition: 'NEW',
      sellingPrice: new Decimal(30000),
      dealDate: '2024-08-01',
      providerNotice: 'TaxJar did not answer within 1500 ms',
    });
    expect(q.notices).toContain('TaxJar did not answer within 1500 ms');
    expect(q.lines.map((l) => l.origin)).toEqual(['STATE_RULE', 'SHIPPED_TABLE']);
  });
  it('the provider is asked only where local tax follows the buyer’s address', () => {
    expect(providerWanted('OH', '2026-12-06')).toBe(true);
    expect(providerWanted('TX', '2026-12-06')).toBe(false); // no local tax on vehicles
    expect(providerWanted('IL', '2026-12-06')).toBe(false); // dealer location, not the buyer's
  });
});
