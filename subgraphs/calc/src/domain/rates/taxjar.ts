// TaxJar's rates endpoint (SmartCalcs API v2): GET /v2/rates/:zip?country=US&state=&city=&street=,
// header "Authorization: Bearer <token>", answer { rate: { zip, state, state_rate, county,
// county_rate, city, city_rate, combined_district_rate, combined_rate, ... } } with rates as decimal
// strings (numbers accepted too); errors { error, detail, status }.
import { Decimal } from 'decimal.js';
import type { ProviderRate } from '../../engine/index.ts';
import { ProviderError, type RateAddress, type RatesProvider } from './provider.ts';

export interface TaxJarOptions {
  token: string;
  /** Default https://api.taxjar.com (sandbox: https://api.sandbox.taxjar.com). */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

const RATE = /^\d*\.?\d+$/;

function rateField(
  rate: Record<string, unknown>,
  key: string,
  required = false,
): Decimal | undefined {
  const v = rate[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new ProviderError(`TaxJar answer has no ${key}`);
    return undefined;
  }
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !RATE.test(s) || Number(s) >= 1)
    throw new ProviderError(`TaxJar answer has a bad ${key}: ${JSON.stringify(v)}`);
  return new Decimal(s);
}

export class TaxJarClient implements RatesProvider {
  readonly name = 'TaxJar';
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly opts: TaxJarOptions) {
    this.baseUrl = (opts.baseUrl ?? 'https://api.taxjar.com').replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
  }

  async rateFor(address: RateAddress, signal: AbortSignal): Promise<ProviderRate> {
    const q = new URLSearchParams({ country: 'US', state: address.state });
    if (address.city) q.set('city', address.city);
    if (address.street) q.set('street', address.street);
    const url = `${this.baseUrl}/v2/rates/${encodeURIComponent(address.zip)}?${q}`;
    const res = await this.fetchFn(url, {
      headers: { authorization: `Bearer ${this.opts.token}`, accept: 'application/json' },
      signal,
    });
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!res.ok) {
      const detail = body && typeof body.detail === 'string' ? `: ${body.detail}` : '';
      throw new ProviderError(`TaxJar answered HTTP ${res.status}${detail}`, res.status);
    }
    const rate = body?.rate;
    if (!rate || typeof rate !== 'object') throw new ProviderError('TaxJar answer has no rate');
    const r = rate as Record<string, unknown>;
    const where = [r.city, r.county].filter((x) => typeof x === 'string' && x).join(', ');
    const county = rateField(r, 'county_rate');
    const city = rateField(r, 'city_rate');
    const district = rateField(r, 'combined_district_rate');
    return {
      provider: this.name,
      fetchedAt: this.now().toISOString(),
      state: typeof r.state === 'string' ? r.state.toUpperCase() : address.state,
      zip: typeof r.zip === 'string' ? r.zip.slice(0, 5) : address.zip,
      ...(where ? { region: where } : {}),
      combinedRate: rateField(r, 'combined_rate', true)!,
      ...(rateField(r, 'state_rate') ? { stateRate: rateField(r, 'state_rate')! } : {}),
      ...(county ? { countyRate: county } : {}),
      ...(city ? { cityRate: city } : {}),
      ...(district ? { specialRate: district } : {}),
    };
  }
}
