// Keeps this process's KeyRing in step with auth.signing_keys: creates the first key on first start
// (one replica wins the lock), reloads when a token names a kid this replica has not seen (another
// replica rotated), and rotates on demand.
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Database } from '@autolytiq/kit';
import { insertKey, loadKeys, lockKeys, retireKeysExcept } from '../store/keys-store.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens.ts';
import { KeyRing, generateStoredKey } from './key-ring.ts';

// A retired key keeps verifying for one access-token lifetime plus a minute of clock skew.
const RETIREMENT_GRACE_MS = (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000;

export class KeyManager {
  private ring: KeyRing;
  private localJwks: JWTVerifyGetKey;

  private constructor(
    private readonly db: Database,
    private readonly secret: string,
    ring: KeyRing,
  ) {
    this.ring = ring;
    this.localJwks = createLocalJWKSet({ keys: ring.publishedKeys() });
  }

  static async open(db: Database, secret: string): Promise<KeyManager> {
    const keys = await db.asSystem(async (em) => {
      await lockKeys(em);
      const existing = await loadKeys(em);
      if (existing.some((k) => !k.retiredAt)) return existing;
      const key = await generateStoredKey(secret);
      await insertKey(em, key);
      return [...existing, key];
    });
    const manager = new KeyManager(db, secret, new KeyRing(keys, secret, RETIREMENT_GRACE_MS));
    await manager.ring.signingKey(); // fail at start, not at first login, if the secret is wrong
    return manager;
  }

  signingKey() {
    return this.ring.signingKey();
  }

  jwks() {
    return { keys: this.ring.publishedKeys() };
  }

  /** A jose key resolver over this ring that reloads once from the database on an unknown kid. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.kid && !this.ring.has(header.kid)) await this.reload();
    return this.localJwks(header, token);
  };

  async reload(): Promise<void> {
    const keys = await this.db.asSystem((em) => loadKeys(em));
    this.ring = new KeyRing(keys, this.secret, RETIREMENT_GRACE_MS);
    this.localJwks = createLocalJWKSet({ keys: this.ring.publishedKeys() });
  }

  /** Makes a new signing key; older keys retire but stay published for the grace period. */
  async rotate(): Promise<string> {
    const key = await generateStoredKey(this.secret);
    await this.db.asSystem(async (em) => {
      await lockKeys(em);
      await insertKey(em, key);
      await retireKeysExcept(em, key.kid, new Date());
    });
    await this.reload();
    return key.kid;
  }
}
