// The fast /graphql path (plain node:http, graphql-http.ts) against the express path it bypasses:
// the same request sent with a Content-Length (fast path) and chunked (express.json) must get the
// same status, headers, body and log line.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { GRAPHQL_BODY_LIMIT, parseJsonBody } from '../src/graphql-http.ts';
import { DEFAULT_RATE_LIMITS } from '../src/rate-limit.ts';
import { sendJson } from '../src/request-context.ts';
import { startHarness, type Harness } from './support.ts';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ trustProxy: 'loopback' });
  token = await h.jwks.sign();
});
afterAll(async () => {
  await h?.stop();
});

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(
  body: string,
  headers: Record<string, string>,
  framing: 'length' | 'chunked',
  path = '/graphql',
): Promise<RawAnswer> {
  const url = new URL(h.router.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent: false,
        headers: {
          ...headers,
          ...(framing === 'chunked'
            ? { 'transfer-encoding': 'chunked' }
            : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const comparable = (a: RawAnswer) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = a.headers;
  return { status: a.status, headers: rest, text: a.text };
};

async function logFor(requestId: string, count: number) {
  for (let i = 0; i < 50; i++) {
    const lines = h.logs.filter((l) => l.msg === 'operation' && l.requestId === requestId);
    if (lines.length >= count) return lines;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line for ${requestId}`);
}

const CASES: Array<[string, string, Record<string, string>]> = [
  [
    'a query across both subgraphs',
    JSON.stringify({ query: 'query Me { me { id dealership { name } } }', operationName: 'Me' }),
    { authorization: 'TOKEN' },
  ],
  ['anonymous on a signed-in field (401)', JSON.stringify({ query: '{ me { id } }' }), {}],
  ['a validation error', JSON.stringify({ query: '{ nope }', operationName: 'X' }), {}],
  ['malformed JSON', '{"query":', {}],
  ['a JSON string, not an object', '"{ me { id } }"', {}],
  ['leading whitespace', ' \n\t{"query":"{ __typename }"}', {}],
  ['a byte order mark', '\ufeff{"query":"{ __typename }"}', {}],
  ['a batch (array)', '[{"query":"{ __typename }"}]', {}],
  ['a bad token', JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer x.y.z' }],
  [
    'charset=utf-8 and a forwarded client address',
    JSON.stringify({ query: '{ __typename }' }),
    { 'content-type': 'application/json; charset=utf-8', 'x-forwarded-for': '203.0.113.7' },
  ],
  [
    'a missing operation name',
    JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
    {},
  ],
];

describe('fast path and express path answer alike', () => {
  it.each(CASES)('%s', async (name, body, extra) => {
    const requestId = `path-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-request-id': requestId,
      ...extra,
    };
    if (headers.authorization === 'TOKEN') headers.authorization = `Bearer ${token}`;
    const fast = await send(body, headers, 'length');
    const viaExpress = await send(body, headers, 'chunked');
    expect(comparable(fast)).toEqual(comparable(viaExpress));
    expect(fast.headers['x-request-id']).toBe(requestId);
    const [a, b] = await logFor(requestId, 2);
    const strip = ({ durationMs: _d, time: _t, ...rest }: Record<string, unknown>) => rest;
    expect(strip(a!)).toEqual(strip(b!));
  });

  it('answers the expected statuses (so the comparison above compares something)', async () => {
    const malformed = await send('{"query":', { 'content-type': 'application/json' }, 'length');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).errors[0].message).toMatch(/^Bad request: /);
    const strict = await send('"x"', { 'content-type': 'application/json' }, 'length');
    expect(strict.status).toBe(400);
    expect(JSON.parse(strict.text).errors[0].message).toContain('"x"');
    const badToken = await send(
      JSON.stringify({ query: '{ __typename }' }),
      { 'content-type': 'application/json', authorization: 'Bearer x.y.z' },
      'length',
    );
    expect(badToken.status).toBe(401);
    expect(badToken.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    const ok = await send(
      JSON.stringify({ query: '{ me { dealership { name } } }' }),
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      'length',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(ok.text).data.me.dealership.name).toBe('Main Street Motors');
  });

  it('leaves other requests to express: too large, other content types, other paths', async () => {
    const big = JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(GRAPHQL_BODY_LIMIT) });
    const tooLarge = await send(big, { 'content-type': 'application/json' }, 'length');
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // Apollo Server's CSRF prevention still refuses a simple (text/plain) POST.
    const csrf = await send(
      JSON.stringify({ query: '{ __typename }' }),
      { 'content-type': 'text/plain' },
      'length',
    );
    expect(csrf.status).toBe(400);
    const slash = await send(
      JSON.stringify({ query: '{ __typename }' }),
      { 'content-type': 'application/json' },
      'length',
      '/graphql/',
    );
    expect(slash.status).toBe(200);
    expect(JSON.parse(slash.text).data).toEqual({ __typename: 'Query' });
  });
});

describe('parseJsonBody (body-parser strict JSON)', () => {
  it('parses objects and arrays, {} for an empty body, and refuses other top-level values', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.from(' [1]'))).toEqual([1]);
    expect(parseJsonBody(Buffer.from(''))).toEqual({});
    expect(() => parseJsonBody(Buffer.from('  true'))).toThrow(/true/);
    expect(() => parseJsonBody(Buffer.from('{"a":'))).toThrow(SyntaxError);
    try {
      parseJsonBody(Buffer.from('1'));
      expect.unreachable();
    } catch (error) {
      expect((error as { status?: number }).status).toBe(400);
    }
  });
});

describe('sendJson', () => {
  it("writes what express's res.status().setHeader().json() wrote", async () => {
    const body = { errors: [{ message: 'Nope — «quoted»', extensions: { code: 'X' } }] };
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.get('/', (_req, res) => void res.status(429).setHeader('retry-after', '7').json(body));
    const viaExpress = http.createServer(app);
    const plain = http.createServer((_req, res) =>
      sendJson(res, 429, body, { 'retry-after': '7' }),
    );
    const answers = [];
    for (const server of [viaExpress, plain]) {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (!['date', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
      });
      answers.push({ status: res.status, headers, text: await res.text() });
      server.close();
    }
    expect(answers[0]!.status).toBe(429);
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe('the client address (per-IP rate limit) on the fast path', () => {
  const statuses = async (harness: Harness, forwardedFor: Array<string | undefined>) => {
    const out: number[] = [];
    for (const address of forwardedFor) {
      const headers: Record<string, string> = address ? { 'x-forwarded-for': address } : {};
      out.push((await harness.post({ query: '{ __typename }' }, headers)).status);
    }
    return out;
  };
  const limits = { ...DEFAULT_RATE_LIMITS, perIp: 1 };

  it('takes X-Forwarded-For from a trusted proxy (loopback), else the socket address', async () => {
    const trusted = await startHarness({ trustProxy: 'loopback', rateLimits: limits });
    try {
      expect(
        await statuses(trusted, [
          '203.0.113.7',
          '203.0.113.7',
          '203.0.113.8',
          undefined,
          undefined,
        ]),
      ).toEqual([200, 429, 200, 200, 429]);
    } finally {
      await trusted.stop();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const untrusted = await startHarness({ trustProxy: false, rateLimits: limits });
    try {
      expect(await statuses(untrusted, ['203.0.113.7', '203.0.113.8'])).toEqual([200, 429]);
    } finally {
      await untrusted.stop();
    }
  });
});
