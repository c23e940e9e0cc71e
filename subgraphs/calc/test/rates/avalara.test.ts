// The Avalara AvaTax client against a protocol-level stand-in on loopback: Basic auth, the
// bypostalcode / byaddress requests, rates summed by jurisdiction type, errors named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvalaraClient } from '../../src/domain/rates/avalara.ts';
import { CachedRates } from '../../src/domain/rates/cached-rates.ts';
import { startAvalaraStandIn, type AvalaraStandIn } from './avalara-stand-in.ts';

let api: AvalaraStandIn;
beforeAll(async () => {
  api = await startAvalaraStandIn('2000123456', 'LICENSEKEY');
  // Denver 80202: 2.9% state, 4.81% city, RTD 1% and SCFD 0.1% as two special rates.
  api.answers.set('80202', {
    totalRate: 0.0881,
    rates: [
      { rate: 0.029, name: 'CO STATE TAX', type: 'State' },
      { rate: 0.0481, name: 'DENVER', type: 'City' },
      { rate: 0.01, name: 'REGIONAL TRANSIT (RTD)', type: 'Special' },
      { rate: 0.001, name: 'SCIENTIFIC AND CULTURAL FACILITIES DIST', type: 'Special' },
    ],
  });
});
afterAll(async () => {
  await api.close();
});

const client = (key = 'LICENSEKEY') =>
  new AvalaraClient({ accountId: '2000123456', licenseKey: key, baseUrl: api.url });

describe('Avalara AvaTax client', () => {
  it('asks by postal code with Basic auth and sums the rates by type', async () => {
    const r = await client().rateFor({ state: 'CO', zip: '80202' }, AbortSignal.timeout(2000));
    expect(api.log.at(-1)).toEqual({
      path: '/api/v2/taxrates/bypostalcode?country=US&postalCode=80202',
      auth: `Basic ${Buffer.from('2000123456:LICENSEKEY').toString('base64')}`,
    });
    expect(r.provider).toBe('Avalara');
    expect(r.combinedRate.toString()).toBe('0.0881');
    expect(r.stateRate!.toString()).toBe('0.029');
    expect(r.cityRate!.toString()).toBe('0.0481');
    expect(r.specialRate!.toString()).toBe('0.011');
    expect(r.countyRate).toBeUndefined();
  });
  it('with a street it asks by address', async () => {
    await client().rateFor(
      { state: 'CO', zip: '80202', city: 'Denver', street: '1700 Lincoln St' },
      AbortSignal.timeout(2000),
    );
    expect(api.log.at(-1)!.path).toBe(
      '/api/v2/taxrates/byaddress?country=US&postalCode=80202&line1=1700+Lincoln+St&region=CO&city=Denver',
    );
  });
  it('refused credentials and unknown addresses are errors naming Avalara’s message', async () => {
    await expect(
      client('WRONG').rateFor({ state: 'CO', zip: '80202' }, AbortSignal.timeout(2000)),
    ).rejects.toThrow(/HTTP 401: Authentication failed/);
    const cached = new CachedRates(client());
    const a = await cached.rateFor({ state: 'CO', zip: '99999' });
    expect(a.rate).toBeUndefined();
    expect(a.notice).toMatch(/Avalara failed: Avalara answered HTTP 400: The address value/);
  });
});
