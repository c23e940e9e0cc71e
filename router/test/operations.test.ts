// What operators and developers use: the explorer, introspection switch, health/ready/metrics, logs.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from './support.ts';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('with the explorer and introspection on', () => {
  let h: Harness;
  let origin: string;
  beforeAll(async () => {
    h = await startHarness({ explorer: true });
    origin = new URL(h.router.url).origin;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('serves GraphiQL from its own bundle at / and at /graphql for a browser', async () => {
    for (const path of ['/', '/graphql']) {
      const res = await fetch(origin + path, {
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const html = await res.text();
      expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i); // nothing loaded from elsewhere
      const script = /<script src="([^"]+)"/.exec(html)?.[1];
      const style = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
      expect(script).toMatch(/^explorer\/explorer\.[0-9a-f]{12}\.js$/);

      const js = await fetch(new URL(script!, origin + path));
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      const code = await js.text();
      expect(code.length).toBeGreaterThan(100_000);
      expect(code).toContain('graphiql');
      const css = await fetch(new URL(style!, origin + path));
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    }
  });

  it('still answers GraphQL GET requests at /graphql', async () => {
    const res = await fetch(`${h.router.url}?query=${encodeURIComponent('{ ping }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await res.json()).toEqual({ data: { ping: 'pong' } });
  });

  it('answers introspection', async () => {
    const res = await h.post(
      { query: INTROSPECTION },
      { authorization: `Bearer ${await h.jwks.sign()}` },
    );
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('reports health, readiness and metrics', async () => {
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    await h.post({ query: 'query PingForMetrics { ping }', operationName: 'PingForMetrics' });
    await h.post({ query: '{ me { id } }' });
    await vi.waitFor(async () => {
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      expect(metrics).toMatch(
        /router_operations_total\{operation="PingForMetrics",outcome="ok"\} 1/,
      );
      expect(metrics).toMatch(
        /router_operations_total\{operation="\(anonymous\)",outcome="UNAUTHENTICATED"\} \d/,
      );
      expect(metrics).toMatch(
        /router_operation_duration_seconds_bucket\{le="0\.1",operation="PingForMetrics",outcome="ok"\} 1/,
      );
    });
    // Through a proxy (X-Forwarded-For) it is not there: only scrapers on this machine read it.
    const proxied = await fetch(`${origin}/metrics`, { headers: { 'x-forwarded-for': '1.2.3.4' } });
    expect(proxied.status).toBe(404);
    expect(await proxied.text()).not.toContain('router_operations_total');
  });

  it('serves /metrics only with the scrape token when one is configured', async () => {
    const guarded = await startHarness({ metricsToken: 'scrape-token-of-24-chars!' });
    try {
      const metrics = new URL('/metrics', guarded.router.url).toString();
      expect((await fetch(metrics)).status).toBe(404);
      const wrong = await fetch(metrics, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(404);
      const right = await fetch(metrics, {
        headers: { authorization: 'Bearer scrape-token-of-24-chars!' },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('process_cpu_user_seconds_total');
    } finally {
      await guarded.stop();
    }
  });

  it('writes one structured log line per operation', async () => {
    const token = await h.jwks.sign({ permissions: [] });
    await h.post(
      { query: 'query LogMe { me { id dealership { name } } }', operationName: 'LogMe' },
      { authorization: `Bearer ${token}`, 'x-request-id': 'log-ok-1' },
    );
    await h.post(
      { query: 'query LogDenied { secretNumber }' },
      { authorization: `Bearer ${token}`, 'x-request-id': 'log-denied-1' },
    );
    await h.post(
      { query: '{ ping }' },
      { authorization: 'Bearer forged', 'x-request-id': 'log-bad-token-1' },
    );
    const linesFor = (id: string) =>
      h.logs.filter((l) => l.msg === 'operation' && l.requestId === id);
    await vi.waitFor(() => expect(linesFor('log-bad-token-1')).toHaveLength(1));
    expect(linesFor('log-ok-1')).toEqual([
      expect.objectContaining({
        level: 30,
        requestId: 'log-ok-1',
        dealershipId: 'dealer-1',
        userId: 'u1',
        operationName: 'LogMe',
        durationMs: expect.any(Number),
        status: 200,
        errorCodes: [],
      }),
    ]);
    expect(linesFor('log-denied-1')).toEqual([
      expect.objectContaining({
        operationName: 'LogDenied',
        status: 403,
        errorCodes: ['FORBIDDEN'],
        userId: 'u1',
      }),
    ]);
    expect(linesFor('log-bad-token-1')).toEqual([
      expect.objectContaining({ status: 401, errorCodes: ['UNAUTHENTICATED'] }),
    ]);
    expect(JSON.stringify(h.logs)).not.toContain('forged'); // tokens are never logged
  });

  it('hides an unexpected error from the client but logs what happened', async () => {
    const res = await h.post({ query: 'query Boom { boom }' }, { 'x-request-id': 'boom-1' });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'Internal error; quote the request id to support.',
        extensions: { code: 'INTERNAL', requestId: 'boom-1' },
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('on fire');
    await vi.waitFor(() => expect(h.logs.filter((l) => l.requestId === 'boom-1')).toHaveLength(1));
    const line = h.logs.find((l) => l.requestId === 'boom-1')!;
    expect(line).toMatchObject({ level: 50, operationName: 'Boom', errorCodes: ['INTERNAL'] });
    expect(JSON.stringify(line.internalErrors)).toContain('database on fire');
  });

  it('is not ready once stopping', async () => {
    const other = await startHarness();
    const readyUrl = new URL('/ready', other.router.url).href;
    expect((await fetch(readyUrl)).status).toBe(200);
    await other.stop();
    await expect(fetch(readyUrl)).rejects.toThrow();
  });
});

describe('with ROUTER_INTROSPECTION=false and ROUTER_EXPLORER=false', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ introspection: false, explorer: false });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses introspection but runs other operations', async () => {
    const res = await h.post({ query: INTROSPECTION });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.message).toMatch(/introspection/i);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await h.post({ query: '{ ping }' })).body).toEqual({ data: { ping: 'pong' } });
  });

  it('serves no explorer', async () => {
    const origin = new URL(h.router.url).origin;
    const page = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    const graphqlPage = await fetch(h.router.url, { headers: { accept: 'text/html' } });
    expect(await graphqlPage.text()).not.toContain('explorer/explorer.');
  });
});
