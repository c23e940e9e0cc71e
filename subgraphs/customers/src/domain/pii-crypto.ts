// Encryption at rest of the credit application's PII (SSN, date of birth): AES-256-GCM with a random
// 96-bit nonce per value and the row's identity as additional authenticated data, so a ciphertext
// copied to another application, field or dealership fails to decrypt. Each stored value names the
// key that sealed it ("v1.<keyId>.<nonce>.<ciphertext+tag>", base64url), so keys rotate: the first
// configured key seals new values; every configured key still opens the values it sealed.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const MATCH_VERSION = 'm1';
const MATCH_INFO = 'autolytiq/customers/pii-match/v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class PiiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiKeyError';
  }
}

export interface PiiKey {
  id: string;
  key: Buffer;
}

/**
 * Parses CUSTOMERS_PII_KEYS: `keyId:base64key` entries separated by commas or whitespace, the first
 * being the current one. Each key is 32 bytes (base64 or base64url). Throws PiiKeyError naming the fault.
 */
export function parsePiiKeys(text: string): PiiKey[] {
  const entries = text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new PiiKeyError('no keys given (keyId:base64key, ...)');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    if (!KEY_ID.test(id))
      throw new PiiKeyError(`each entry is keyId:base64key with a key id of [A-Za-z0-9_-]{1,32}`);
    if (seen.has(id)) throw new PiiKeyError(`key id ${id} is given twice`);
    seen.add(id);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== 32)
      throw new PiiKeyError(`key ${id} must be 32 bytes (base64), got ${key.length}`);
    return { id, key };
  });
}

/** A fresh key entry for CUSTOMERS_PII_KEYS (development and `npm start` generate one). */
export function generatePiiKeyEntry(
  id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`,
) {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const b64 = (b: Buffer) => b.toString('base64url');

export class PiiCipher {
  private readonly keys: Map<string, Buffer>;
  /** Per key id, the HMAC key for match tags: derived (HKDF-SHA256), never the sealing key itself. */
  private readonly matchKeys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly PiiKey[]) {
    if (keys.length === 0) throw new PiiKeyError('at least one key is needed');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.matchKeys = new Map(
      keys.map((k) => [
        k.id,
        Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), MATCH_INFO, 32)),
      ]),
    );
    this.currentKeyId = keys[0]!.id;
  }

  static fromConfig(text: string): PiiCipher {
    return new PiiCipher(parsePiiKeys(text));
  }

  /** Seals `plaintext` with the current key, bound to `context` (e.g. "<dealership>/<applicant>/ssn"). */
  encrypt(plaintext: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return [VERSION, this.currentKeyId, b64(nonce), b64(body)].join('.');
  }

  /** The key id a stored value was sealed with (for rotation reports), or undefined if not ours. */
  static keyIdOf(sealed: string): string | undefined {
    const parts = sealed.split('.');
    return parts.length === 4 && parts[0] === VERSION ? parts[1] : undefined;
  }

  /** Opens a value sealed by `encrypt` with the same context. Throws when the key is unknown or it was tampered with. */
  decrypt(sealed: string, context: string): string {
    const [version, keyId, nonce, body] = sealed.split('.');
    if (version !== VERSION || !keyId || !nonce || !body)
      throw new PiiKeyError('not an encrypted PII value');
    const key = this.keys.get(keyId);
    if (!key)
      throw new PiiKeyError(
        `value was encrypted with key ${keyId}, which is not configured (CUSTOMERS_PII_KEYS)`,
      );
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 16) throw new PiiKeyError('encrypted PII value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([
      decipher.update(bytes.subarray(0, bytes.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }

  /**
   * A keyed hash of `value` for equality lookups on sealed data ("m1.<keyId>.<hmac>", HMAC-SHA256
   * under a key derived from the current PII key, bound to `context`): equal values in the same
   * context give the same tag; without the key a tag cannot be computed or reversed.
   */
  matchTag(value: string, context: string): string {
    return this.tagWith(this.currentKeyId, value, context);
  }

  /** The tags of `value` under every configured key (current first): lookups still match rows tagged before a rotation. */
  matchTags(value: string, context: string): string[] {
    return [...this.matchKeys.keys()].map((id) => this.tagWith(id, value, context));
  }

  private tagWith(keyId: string, value: string, context: string): string {
    const mac = createHmac('sha256', this.matchKeys.get(keyId)!)
      .update(context, 'utf8')
      .update('\0')
      .update(value, 'utf8')
      .digest();
    return [MATCH_VERSION, keyId, b64(mac)].join('.');
  }

  /** True when `sealed` is under an older key and should be re-encrypted. */
  isStale(sealed: string): boolean {
    return PiiCipher.keyIdOf(sealed) !== this.currentKeyId;
  }

  /** True when a match tag was computed under an older key and should be recomputed. */
  isStaleTag(tag: string): boolean {
    const parts = tag.split('.');
    return parts.length !== 3 || parts[0] !== MATCH_VERSION || parts[1] !== this.currentKeyId;
  }
}
