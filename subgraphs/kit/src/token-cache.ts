// A cache of successfully verified access tokens, used by the router and every subgraph. An RS256
// verification costs ≈ 0.1–0.4 ms here, paid otherwise by each of them on every request, while a
// client sends the same token for up to 15 minutes.
//
// Safe because the key is the whole token string (any change to header, claims or signature is a
// miss and is verified afresh), an entry never outlives the token's `exp`, and failures are not
// cached. The one trade-off: a key withdrawn from the JWKS keeps its already-seen tokens accepted for
// at most `maxAgeMs` (1 minute by default). Revocation of sessions is checked by the auth subgraph,
// not here, so the cache changes nothing about it.
import { decodeJwt } from 'jose';
import type { Principal, TokenVerifier } from './tokens.ts';

export interface TokenCacheOptions {
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export function cachedTokenVerifier(
  verify: TokenVerifier,
  options: TokenCacheOptions = {},
): TokenVerifier {
  const { maxEntries = 10_000, maxAgeMs = 60_000, now = Date.now } = options;
  const cache = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const at = now();
    const hit = cache.get(token);
    if (hit && hit.until > at) return hit.principal;
    if (hit) cache.delete(token);
    // One object serves every request with this token: frozen, so no request can change another's.
    const principal = freeze(await verify(token));
    const exp = decodeJwt(token).exp;
    const until = Math.min(at + maxAgeMs, typeof exp === 'number' ? exp * 1000 : at);
    // Map keeps insertion order: dropping the first key drops the oldest entry.
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    if (until > at) cache.set(token, { principal, until });
    return principal;
  };
}

function freeze(p: Principal): Principal {
  Object.freeze(p.roles);
  Object.freeze(p.permissions);
  return Object.freeze(p);
}
