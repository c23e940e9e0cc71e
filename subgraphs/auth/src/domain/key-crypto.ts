// Private signing keys are stored encrypted (AES-256-GCM) with a key derived from the configured
// secret, so a database dump alone cannot mint tokens. Format: v1.<salt>.<iv>.<tag>.<ciphertext>
// (base64url parts); the salt makes each stored key use its own derived key.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

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
