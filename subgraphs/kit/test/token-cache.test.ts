// The verified-token cache: hits only for the identical token, never past `exp` or maxAge.
import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../src/tokens.ts';
import { cachedTokenVerifier } from '../src/token-cache.ts';

const principal: Principal = {
  userId: 'u1',
  dealershipId: 'd1',
  sessionId: 's1',
  username: 'alice',
  roles: [],
  permissions: [],
};

async function token(expSeconds: number, claims: Record<string, unknown> = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256' })
    .setExpirationTime(expSeconds)
    .sign(privateKey);
}

describe('cachedTokenVerifier', () => {
  it('verifies a token once while fresh, and again after maxAge or exp', async () => {
    let clock = 1_000_000_000_000;
    let calls = 0;
    const verify = cachedTokenVerifier(
      async () => {
        calls++;
        return principal;
      },
      { maxAgeMs: 60_000, now: () => clock },
    );
    const long = await token(clock / 1000 + 900);
    expect(await verify(long)).toBe(principal);
    expect(await verify(long)).toBe(principal);
    expect(calls).toBe(1);
    clock += 61_000;
    await verify(long);
    expect(calls).toBe(2);

    const short = await token(clock / 1000 + 10);
    await verify(short);
    clock += 11_000; // past exp, within maxAge
    await verify(short);
    expect(calls).toBe(4);
  });

  it('does not cache failures, and a different token string is a different entry', async () => {
    let calls = 0;
    const verify = cachedTokenVerifier(async (t) => {
      calls++;
      if (t.endsWith('x')) throw new Error('bad');
      return principal;
    });
    const good = await token(Date.now() / 1000 + 900);
    await verify(good);
    await expect(verify(`${good}x`)).rejects.toThrow('bad');
    await expect(verify(`${good}x`)).rejects.toThrow('bad');
    expect(calls).toBe(3);
  });

  it('evicts the oldest entry past maxEntries', async () => {
    let calls = 0;
    const verify = cachedTokenVerifier(
      async () => {
        calls++;
        return principal;
      },
      { maxEntries: 2 },
    );
    const exp = Date.now() / 1000 + 900;
    const [a, b, c] = await Promise.all([
      token(exp, { n: 1 }),
      token(exp, { n: 2 }),
      token(exp, { n: 3 }),
    ]);
    for (const t of [a!, b!, c!, b!, c!]) await verify(t);
    expect(calls).toBe(3);
    await verify(a!);
    expect(calls).toBe(4);
  });
});

describe('cachedTokenVerifier shares one principal per token', () => {
  it('freezes it, so one request cannot change what the next sees', async () => {
    const verify = cachedTokenVerifier(async () => ({
      ...principal,
      roles: ['sales'],
      permissions: ['deals.read'],
    }));
    const t = await token(Math.floor(Date.now() / 1000) + 900);
    const first = await verify(t);
    expect(() => first.permissions.push('deals.approve')).toThrow(TypeError);
    expect(() => Object.assign(first, { dealershipId: 'd2' })).toThrow(TypeError);
    expect((await verify(t)).permissions).toEqual(['deals.read']);
  });
});
