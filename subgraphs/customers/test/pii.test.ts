// PII encryption (AES-256-GCM, key ids, rotation), SSN rules and masking — no database.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generatePiiKeyEntry,
  parsePiiKeys,
  PiiCipher,
  PiiKeyError,
} from '../src/domain/pii-crypto.ts';
import { maskBirthDate, maskSsn, money, normalizeSsn } from '../src/domain/credit-application.ts';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return (e as { extensions?: Record<string, unknown> }).extensions?.field;
  }
  throw new Error('expected an error');
}

describe('PII cipher', () => {
  it('seals with the current key, names it, and opens only with the same context', () => {
    const cipher = PiiCipher.fromConfig(`${key('a')},${key('b')}`);
    const sealed = cipher.encrypt('123456789', 'ctx-1');
    expect(sealed).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('123456789');
    expect(cipher.encrypt('123456789', 'ctx-1')).not.toBe(sealed); // fresh nonce each time
    expect(cipher.decrypt(sealed, 'ctx-1')).toBe('123456789');
    expect(() => cipher.decrypt(sealed, 'ctx-2')).toThrow(); // moved to another row
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ctx-1')).toThrow(); // tampered
  });

  it('rotates: a new first key seals new values, the old key still opens old ones', () => {
    const oldKey = key('2025');
    const newKey = key('2026');
    const before = PiiCipher.fromConfig(oldKey);
    const sealedOld = before.encrypt('1985-04-12', 'x');
    const after = PiiCipher.fromConfig(`${newKey},${oldKey}`);
    expect(after.decrypt(sealedOld, 'x')).toBe('1985-04-12');
    expect(after.isStale(sealedOld)).toBe(true);
    const sealedNew = after.encrypt('1985-04-12', 'x');
    expect(PiiCipher.keyIdOf(sealedNew)).toBe('2026');
    expect(after.isStale(sealedNew)).toBe(false);
    // Once the old key is dropped its values no longer open, and the error says which key is missing.
    expect(() => PiiCipher.fromConfig(newKey).decrypt(sealedOld, 'x')).toThrow(/key 2025/);
  });

  it('match tags: deterministic per key and context, not the value, and tried under every key', () => {
    const a = key('a');
    const b = key('b');
    const old = PiiCipher.fromConfig(a);
    const tag = old.matchTag('1985-04-12', 'd1');
    expect(tag).toMatch(/^m1\.a\.[A-Za-z0-9_-]{43}$/);
    expect(tag).not.toContain('1985');
    expect(old.matchTag('1985-04-12', 'd1')).toBe(tag);
    expect(old.matchTag('1985-04-12', 'd2')).not.toBe(tag); // other dealership
    expect(old.matchTag('1985-04-13', 'd1')).not.toBe(tag);
    expect(PiiCipher.fromConfig(key('a')).matchTag('1985-04-12', 'd1')).not.toBe(tag); // other key
    const rotating = PiiCipher.fromConfig(`${b},${a}`);
    expect(rotating.matchTags('1985-04-12', 'd1')).toEqual([
      rotating.matchTag('1985-04-12', 'd1'),
      tag,
    ]);
    expect(rotating.isStaleTag(tag)).toBe(true);
    expect(rotating.isStaleTag(rotating.matchTag('x', 'd1'))).toBe(false);
  });

  it('validates CUSTOMERS_PII_KEYS', () => {
    expect(parsePiiKeys(generatePiiKeyEntry('dev'))[0]!.id).toBe('dev');
    expect(parsePiiKeys(`${key('a')}\n${key('b')}`).map((k) => k.id)).toEqual(['a', 'b']);
    expect(() => parsePiiKeys('')).toThrow(PiiKeyError);
    expect(() => parsePiiKeys('nokey')).toThrow(PiiKeyError);
    expect(() => parsePiiKeys(`a:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parsePiiKeys(`${key('a')},${key('a')}`)).toThrow(/twice/);
    expect(() => parsePiiKeys(`bad id:${randomBytes(32).toString('base64')}`)).toThrow(PiiKeyError);
  });
});

describe('SSN, masking, money', () => {
  it('accepts SSNs with or without dashes and refuses numbers never issued', () => {
    expect(normalizeSsn('f', '536-22-1234')).toBe('536221234');
    expect(normalizeSsn('f', ' 536221234 ')).toBe('536221234');
    expect(normalizeSsn('f', '536 22 1234')).toBe('536221234');
    for (const bad of [
      '53622123',
      '536-22-12345',
      'abc-de-fghi',
      '000-12-3456',
      '666-12-3456',
      '912-12-3456',
      '536-00-1234',
      '536-22-0000',
      '078-05-1120',
      '123-45-6789',
    ])
      expect(fieldOf(() => normalizeSsn('input.applicant.ssn', bad))).toBe('input.applicant.ssn');
  });

  it('masks', () => {
    expect(maskSsn('1234')).toBe('***-**-1234');
    expect(maskBirthDate(1985)).toBe('1985-**-**');
  });

  it('reads money exactly', () => {
    expect(money('m', '4,500', true)).toBe('4500.00');
    expect(money('m', '$1234.5', true)).toBe('1234.50');
    expect(money('m', null)).toBeNull();
    expect(fieldOf(() => money('m', '-1', true))).toBe('m');
    expect(fieldOf(() => money('m', '1.005', true))).toBe('m');
    expect(fieldOf(() => money('m', 'lots', true))).toBe('m');
    expect(fieldOf(() => money('m', '', true))).toBe('m');
  });
});
