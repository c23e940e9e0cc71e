// Avalara AvaTax's rate lookup (REST v2): GET /api/v2/taxrates/byaddress?line1=&city=&region=
// &postalCode=&country=US (without a street: /api/v2/taxrates/bypostalcode?country=US&postalCode=),
// HTTP Basic auth with the account id and license key; answer { totalRate, rates: [{ rate, name,
// type }] } with type State, County, City or Special and rates as numbers; errors { error: { code,
// message } }.
import { Decimal } from 'decimal.js';
import type { ProviderRate } from '../../engine/index.ts';
import { ProviderError, type RateAddress, type RatesProvider } from './provider.ts';

export interface AvalaraOptions {
  accountId: string;
  licenseKey: string;
  /** Default https://rest.avatax.com (sandbox: https://sandbox-rest.avatax.com). */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

function fraction(v: unknown, what: string): Decimal {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= 1)
    throw new ProviderError(`Avalara answer has a bad ${what}: ${JSON.stringify(v)}`);
  // Numbers such as 0.0975 print exactly as written; Decimal keeps that text.
  return new Decimal(String(v));
}

export class AvalaraClient implements RatesProvider {
  readonly name = 'Avalara';
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => Date;
  private readonly auth: string;

  constructor(opts: AvalaraOptions) {
    this.baseUrl = (opts.baseUrl ?? 'https://rest.avatax.com').replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? fetch;
    this.now = opts.now ?? (() => new Date());
    this.auth = `Basic ${Buffer.from(`${opts.accountId}:${opts.licenseKey}`).toString('base64')}`;
  }

  async rateFor(address: RateAddress, signal: AbortSignal): Promise<ProviderRate> {
    const q = new URLSearchParams({ country: 'US', postalCode: address.zip });
    let path = '/api/v2/taxrates/bypostalcode';
    if (address.street) {
      path = '/api/v2/taxrates/byaddress';
      q.set('line1', address.street);
      q.set('region', address.state);
      if (address.city) q.set('city', address.city);
    }
    const res = await this.fetchFn(`${this.baseUrl}${path}?${q}`, {
      headers: { authorization: this.auth, accept: 'application/json' },
      signal,
    });
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!res.ok) {
      const err = body?.error as { message?: unknown } | undefined;
      const detail = typeof err?.message === 'string' ? `: ${err.message}` : '';
      throw new ProviderError(`Avalara answered HTTP ${res.status}${detail}`, res.status);
    }
    if (!body || !Array.isArray(body.rates)) throw new ProviderError('Avalara answer has no rates');
    const sums = {
      State: new Decimal(0),
      County: new Decimal(0),
      City: new Decimal(0),
      Special: new Decimal(0),
    };
    for (const r of body.rates as Array<Record<string, unknown>>) {
      const type = r.type as keyof typeof sums;
      if (!(type in sums)) continue; // Country and unknown kinds carry no US sales tax
      sums[type] = sums[type].plus(fraction(r.rate, `${String(r.name)} rate`));
    }
    return {
      provider: this.name,
      fetchedAt: this.now().toISOString(),
      state: address.state,
      zip: address.zip,
      combinedRate: fraction(body.totalRate, 'totalRate'),
      stateRate: sums.State,
      ...(sums.County.isZero() ? {} : { countyRate: sums.County }),
      ...(sums.City.isZero() ? {} : { cityRate: sums.City }),
      ...(sums.Special.isZero() ? {} : { specialRate: sums.Special }),
    };
  }
}
