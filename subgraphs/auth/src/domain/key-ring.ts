// The set of signing keys: the newest active key signs; every key not yet past its retirement grace
// period verifies and is published in the JWKS, so rotating keys never invalidates live tokens.
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from 'jose';
import { decryptPrivateKey, encryptPrivateKey } from './key-crypto.ts';

export interface StoredSigningKey {
  kid: string;
  privateKeyEncrypted: string;
  publicJwk: JWK;
  createdAt: Date;
  /** Set when a newer key took over; the key still verifies until retiredAt + token lifetime. */
  retiredAt: Date | null;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateStoredKey(
  secret: string,
  now = new Date(),
): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { ...jwk, kid, alg: 'RS256', use: 'sig' };
  const pem = await exportPKCS8(privateKey);
  return {
    kid,
    privateKeyEncrypted: encryptPrivateKey(pem, secret),
    publicJwk,
    createdAt: now,
    retiredAt: null,
  };
}

export class KeyRing {
  private readonly byKid: Map<string, StoredSigningKey>;
  private signer: Promise<SigningKey> | undefined;

  constructor(
    keys: StoredSigningKey[],
    private readonly secret: string,
    private readonly graceMs: number,
  ) {
    this.byKid = new Map(keys.map((k) => [k.kid, k]));
  }

  /** The newest key that is not retired; undefined when the ring is empty. */
  activeKey(): StoredSigningKey | undefined {
    return [...this.byKid.values()]
      .filter((k) => !k.retiredAt)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  }

  async signingKey(): Promise<SigningKey> {
    const active = this.activeKey();
    if (!active) throw new Error('no active signing key');
    this.signer ??= importPKCS8(
      decryptPrivateKey(active.privateKeyEncrypted, this.secret),
      'RS256',
    ).then((privateKey) => ({ kid: active.kid, privateKey, publicJwk: active.publicJwk }));
    return this.signer;
  }

  /** Keys that may still verify a token at `now`. */
  publishedKeys(now = new Date()): JWK[] {
    return [...this.byKid.values()]
      .filter((k) => !k.retiredAt || k.retiredAt.getTime() + this.graceMs > now.getTime())
      .map((k) => k.publicJwk);
  }

  has(kid: string): boolean {
    return this.byKid.has(kid);
  }
}
