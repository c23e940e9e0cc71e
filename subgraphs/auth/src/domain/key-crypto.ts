// Private signing keys are stored encrypted (AES-256-GCM) with a key derived from the configured
// secret, so a database dump alone cannot mint tokens. Format: v1.<salt>.<iv>.<tag>.<ciphertext>
// (base64url parts); the salt makes each stored key use its own derived key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';

function deriveKey(secret: string, salt: Buffer): Buffer {
  return scryptSync(secret, salt, 32);
}

export function encryptPrivateKey(pem: string, secret: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  const parts = [salt, iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

export function decryptPrivateKey(stored: string, secret: string): string {
  const [version, ...parts] = stored.split('.');
  if (version !== VERSION || parts.length !== 4) throw new Error('unknown signing key format');
  const [salt, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
    Buffer,
  ];
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      'cannot decrypt the signing key: AUTH_KEY_SECRET differs from the one that encrypted it',
    );
  }
}

/**
 * Seals small secrets at rest (TOTP secrets) under a key derived once per process from
 * AUTH_KEY_SECRET (scrypt is slow on purpose; deriving per call would put it on every sign-in),
 * AES-256-GCM with a random IV per value. Format: s1.<iv>.<tag>.<ciphertext> (base64url).
 * `mac` is a keyed hash for values that are looked up but never read back (backup codes).
 */
export function secretBox(secret: string) {
  const key = scryptSync(secret, 'autolytiq.auth.secret-box', 32);
  const macKey = scryptSync(secret, 'autolytiq.auth.mac', 32);
  return {
    seal(value: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return ['s1', iv, cipher.getAuthTag(), ciphertext]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed: string): string {
      const [version, ...parts] = sealed.split('.');
      if (version !== 's1' || parts.length !== 3) throw new Error('unknown sealed value format');
      const [iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url')) as [
        Buffer,
        Buffer,
        Buffer,
      ];
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    },
    mac: (value: string) => createHmac('sha256', macKey).update(value).digest('hex'),
  };
}
export type SecretBox = ReturnType<typeof secretBox>;
