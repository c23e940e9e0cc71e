// Password hashing with bcrypt, cost 11, and the password policy. An unknown username is checked
// against a dummy hash of the same cost so that "no such user" and "wrong password" take the same
// time and give the same error.
//
// Policy (NIST SP 800-63B 5.1.1.2): at least 12 characters, no composition rules, and refused when
// it is a common or breached password — data/common-passwords.txt, also after stripping the digits
// and symbols people pad a common word with ("password2024!") — or built from the username.
import { readFileSync } from 'node:fs';
import bcrypt from 'bcrypt';

// Cost 11 (about 88 ms of CPU here; 12 was 176 ms): above OWASP's minimum of 10 for bcrypt, and
// inside the sign-in budget (login + second factor p95 ≤ 150 ms), which cost 12 alone overran.
// Hashes of another cost still verify; a successful sign-in re-hashes them (needsRehash).
export const BCRYPT_COST = 11;
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_BYTES = 72; // bcrypt ignores what follows; refuse rather than silently truncate

let dummyHash: Promise<string> | undefined;
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Whether a stored hash was made at another cost than today's (re-hash it at the next sign-in). */
export function needsRehash(hash: string): boolean {
  try {
    return bcrypt.getRounds(hash) !== BCRYPT_COST;
  } catch {
    return false; // not a bcrypt hash: nothing to re-hash (it never verifies)
  }
}

/** What is wrong with a new password ("must …", to follow "Password "), or undefined. */
export function passwordProblem(
  password: string,
  context: { username?: string } = {},
): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
    return `must be at most ${MAX_PASSWORD_BYTES} bytes`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const list = commonPasswords();
  if (
    list.has(lower) ||
    (core.length >= 4 && list.has(core)) ||
    list.has(lower.replace(/\s+/g, ''))
  )
    return 'is too common: it appears in lists of leaked passwords';
  if (new Set(lower).size <= 2) return 'is too easy to guess: use more different characters';
  const name = context.username?.toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'must not contain your username';
  return undefined;
}

/** Verifies a password against a stored hash, or burns the same time when there is none. */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= bcrypt.hash('autolytiq-dummy-password', BCRYPT_COST);
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  return bcrypt.compare(password, hash);
}
