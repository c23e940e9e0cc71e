// Password hashing with bcrypt, cost 12. An unknown username is checked against a dummy hash of the
// same cost so that "no such user" and "wrong password" take the same time and give the same error.
import bcrypt from 'bcrypt';

export const BCRYPT_COST = 12;
const MAX_PASSWORD_BYTES = 72; // bcrypt ignores what follows; refuse rather than silently truncate

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'must be at least 10 characters';
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
    return `must be at most ${MAX_PASSWORD_BYTES} bytes`;
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
