// The Google address validator against a protocol-level stand-in of the Address Validation API on
// 127.0.0.1 (the real service is not reachable here): the request it sends, confirmed addresses,
// suggestions and unconfirmed parts reported (not applied), and the offline fallback when Google fails.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressValidatorFor,
  GoogleAddressValidator,
  type GoogleValidationResponse,
} from '../src/domain/google-address.ts';
import { OfflineAddressValidator } from '../src/domain/address.ts';

interface Seen {
  url: string;
  key: string | undefined;
  body: { address: Record<string, unknown>; enableUspsCass: boolean };
}
let server: Server;
let base: string;
const seen: Seen[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req);
    seen.push({
      url: req.url!,
      key: req.headers['x-goog-api-key'] as string,
      body: JSON.parse(body),
    });
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const component = (componentType: string, text: string, extra: Record<string, unknown> = {}) => ({
  componentName: { text },
  componentType,
  confirmationLevel: 'CONFIRMED',
  ...extra,
});

function confirmed(
  over: { components?: unknown[]; verdict?: Record<string, unknown> } = {},
): GoogleValidationResponse {
  return {
    result: {
      verdict: {
        inputGranularity: 'PREMISE',
        validationGranularity: 'PREMISE',
        addressComplete: true,
        ...over.verdict,
      },
      address: {
        formattedAddress: '1100 Congress Ave, Austin, TX 78701-2828, USA',
        postalAddress: {
          regionCode: 'US',
          postalCode: '78701-2828',
          administrativeArea: 'TX',
          locality: 'Austin',
          addressLines: ['1100 Congress Ave'],
        },
        addressComponents: (over.components as never) ?? [
          component('street_number', '1100'),
          component('route', 'Congress Avenue'),
          component('locality', 'Austin'),
          component('administrative_area_level_1', 'TX'),
          component('postal_code', '78701'),
          component('postal_code_suffix', '2828', { inferred: true }),
          component('country', 'USA'),
        ],
      },
      uspsData: {
        standardizedAddress: { zipCode: '78701', zipCodeExtension: '2828' },
        county: 'TRAVIS',
      },
    },
  };
}

const INPUT = { line1: '1100 congress ave', city: 'Austin', state: 'tx', zip: '78701' };
const validator = (fallbacks: string[] = []) =>
  new GoogleAddressValidator({
    apiKey: 'test-key',
    baseUrl: base,
    onFallback: (r) => fallbacks.push(r),
  });

describe('Google address validator', () => {
  it('is chosen only when GOOGLE_MAPS_API_KEY is set', () => {
    expect(addressValidatorFor({})).toBeInstanceOf(OfflineAddressValidator);
    expect(
      addressValidatorFor({ GOOGLE_MAPS_API_KEY: 'k', GOOGLE_ADDRESS_VALIDATION_URL: base }),
    ).toBeInstanceOf(GoogleAddressValidator);
  });

  it('sends the address with the key in the header and accepts a confirmed one, county from the ZIP', async () => {
    reply = { status: 200, body: confirmed() };
    seen.length = 0;
    const r = await validator().validate(INPUT);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('/v1:validateAddress');
    expect(seen[0]!.key).toBe('test-key');
    expect(seen[0]!.body).toEqual({
      address: {
        regionCode: 'US',
        postalCode: '78701',
        administrativeArea: 'TX',
        locality: 'Austin',
        addressLines: ['1100 congress ave'],
      },
      enableUspsCass: true,
    });
    expect(r).toEqual({
      valid: true,
      checkedBy: 'google-address-validation',
      problems: [],
      normalized: {
        kind: 'HOME',
        line1: '1100 Congress Ave',
        line2: null,
        city: 'Austin',
        state: 'TX',
        zip: '78701-2828',
        county: 'Travis',
      },
    });
  });

  it('reports a corrected city as a suggestion instead of applying it', async () => {
    reply = {
      status: 200,
      body: confirmed({
        components: [
          component('street_number', '1100'),
          component('route', 'Congress Avenue'),
          component('locality', 'Austin', { spellCorrected: true }),
          component('postal_code', '78701'),
        ],
      }),
    };
    const r = await validator().validate({ ...INPUT, city: 'Austn' });
    expect(r.valid).toBe(false);
    expect(r.normalized).toBeNull();
    expect(r.problems).toEqual([{ field: 'city', message: expect.stringContaining('"Austin"') }]);
  });

  it('reports an address Google cannot confirm to the building, and suspicious or missing parts', async () => {
    reply = {
      status: 200,
      body: confirmed({
        verdict: { validationGranularity: 'ROUTE', addressComplete: false },
        components: [
          component('street_number', '99999', { confirmationLevel: 'UNCONFIRMED_AND_SUSPICIOUS' }),
          component('route', 'Congress Avenue'),
          component('postal_code', '78702', { replaced: true }),
        ],
      }),
    };
    const r = await validator().validate({ ...INPUT, line1: '99999 Congress Ave' });
    expect(r.valid).toBe(false);
    expect(r.problems.map((p) => p.field).sort()).toEqual(['line1', 'zip']);
    expect(r.problems.find((p) => p.field === 'line1')!.message).toMatch(
      /could not confirm.*99999/,
    );
    expect(r.problems.find((p) => p.field === 'zip')!.message).toMatch(/78702/);
  });

  it('reports a county that does not match', async () => {
    reply = { status: 200, body: confirmed() };
    const r = await validator().validate({ ...INPUT, county: 'Williamson' });
    expect(r).toMatchObject({ valid: false, problems: [{ field: 'county' }] });
  });

  it('checks the shape before calling Google', async () => {
    seen.length = 0;
    const r = await validator().validate({ ...INPUT, zip: '787' });
    expect(r).toMatchObject({ valid: false, problems: [{ field: 'zip' }] });
    expect(seen).toHaveLength(0);
  });

  it('falls back to the offline check when Google refuses or cannot be reached', async () => {
    reply = {
      status: 403,
      body: { error: { code: 403, status: 'PERMISSION_DENIED', message: 'API key not valid.' } },
    };
    const fallbacks: string[] = [];
    const r = await validator(fallbacks).validate(INPUT);
    expect(r).toMatchObject({
      valid: true,
      checkedBy: 'offline-zip-index',
      normalized: { county: 'Travis' },
    });
    expect(fallbacks[0]).toMatch(/403 PERMISSION_DENIED: API key not valid/);

    const down = new GoogleAddressValidator({
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9', // nothing listens on the discard port
      onFallback: (reason) => fallbacks.push(reason),
    });
    const r2 = await down.validate({ ...INPUT, zip: '80202' });
    expect(r2).toMatchObject({
      valid: false,
      checkedBy: 'offline-zip-index',
    });
    expect(r2.problems.map((p) => p.field)).toEqual(['state', 'city']);
    expect(fallbacks).toHaveLength(2);
  });
});
