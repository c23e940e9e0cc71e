// POST /auth/token parsing (RFC 6749 §4.4, §2.3.1, §5.2) and its hand-over to the auth subgraph,
// against a loopback stand-in for auth's /internal/client-token.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTokenRoutes, readTokenRequest } from '../src/client-token.ts';

const ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('readTokenRequest', () => {
  it('takes credentials from the body or from Basic (form-urlencoded inside)', () => {
    expect(
      readTokenRequest(
        { grant_type: 'client_credentials', client_id: ID, client_secret: 's' },
        undefined,
      ),
    ).toEqual({ clientId: ID, clientSecret: 's' });
    expect(readTokenRequest({ grant_type: 'client_credentials' }, basic(ID, 'a:b+c/='))).toEqual({
      clientId: ID,
      clientSecret: 'a:b+c/=',
    });
  });

  it('answers the §5.2 errors', () => {
    expect(readTokenRequest({}, undefined)).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
    expect(readTokenRequest({ grant_type: 'password' }, undefined)).toMatchObject({
      status: 400,
      error: 'unsupported_grant_type',
    });
    expect(readTokenRequest({ grant_type: 'client_credentials' }, undefined)).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    // Two methods at once (§2.3).
    expect(
      readTokenRequest({ grant_type: 'client_credentials', client_secret: 'x' }, basic(ID, 's')),
    ).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(
      readTokenRequest({ grant_type: 'client_credentials' }, 'Basic bm9jb2xvbg=='),
    ).toMatchObject({ status: 401, error: 'invalid_client', basic: true });
  });
});

describe('POST /auth/token', () => {
  let upstream: Server;
  let router: Server;
  let url: string;
  const seen: Array<{ body: unknown; secret?: string; ip?: string; requestId?: string }> = [];
  beforeAll(async () => {
    const auth = express();
    auth.post('/internal/client-token', express.json(), (req, res) => {
      seen.push({
        body: req.body,
        secret: req.get('x-subgraph-secret'),
        ip: req.get('x-client-ip'),
        requestId: req.get('x-request-id'),
      });
      const ok = (req.body as { clientSecret: string }).clientSecret === 'right';
      if (ok)
        res.json({ access_token: 't', token_type: 'Bearer', expires_in: 600, scope: 'deals.read' });
      else res.status(401).json({ error: 'invalid_client', error_description: 'no' });
    });
    upstream = auth.listen(0, '127.0.0.1');
    await new Promise((r) => upstream.once('listening', r));
    const authUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/graphql`;
    const app = express();
    app.use('/auth', clientTokenRoutes({ auth: { url: authUrl, secret: 'sub-secret' } }));
    router = app.listen(0, '127.0.0.1');
    await new Promise((r) => router.once('listening', r));
    url = `http://127.0.0.1:${(router.address() as AddressInfo).port}/auth/token`;
  });
  afterAll(() => {
    upstream?.close();
    router?.close();
  });

  it('a form body reaches auth with the subgraph secret; the answer is not cached', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'tok-1' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ID,
        client_secret: 'right',
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ access_token: 't', token_type: 'Bearer' });
    expect(seen.at(-1)).toMatchObject({
      body: { clientId: ID, clientSecret: 'right' },
      secret: 'sub-secret',
      requestId: 'tok-1',
    });
  });

  it('JSON with Basic; a refusal is 401 with WWW-Authenticate; bad JSON is invalid_request', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic(ID, 'wrong') },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'no' });
    const before = seen.length;
    const bad = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });
    expect(seen.length).toBe(before);
  });
});
