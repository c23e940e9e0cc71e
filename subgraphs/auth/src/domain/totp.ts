// TOTP (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps, base32 secrets of
// 20 random bytes. A code is accepted one step either side of now (clock drift), and only for a time
// step later than the last one accepted for the user (replay protection, otplib's afterTimeStep).
import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Autolytiq';
const SIX_DIGITS = /^\d{6}$/;
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const BACKUP_CODE = /^[abcdefghjkmnpqrstuvwxyz23456789]{8}$/;
export const BACKUP_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export async function enrollmentOf(secret: string, dealershipName: string, username: string) {
  const otpauthUri = generateURI({
    issuer: TOTP_ISSUER,
    label: dealershipName ? `${dealershipName}:${username}` : username,
    secret,
  });
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCodeSvg };
}

/** What a typed code is: a 6-digit TOTP code, a backup code (normalized), or neither. */
export function classifyCode(
  input: string,
): { kind: 'totp'; code: string } | { kind: 'backup'; code: string } | undefined {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (SIX_DIGITS.test(compact)) return { kind: 'totp', code: compact };
  if (BACKUP_CODE.test(compact)) return { kind: 'backup', code: compact };
  return undefined;
}

/** The accepted time step, or undefined (wrong code, or a step not later than `afterTimeStep`). */
export async function checkTotp(
  secret: string,
  code: string,
  afterTimeStep: number | null,
  epochSeconds = Math.floor(Date.now() / 1000),
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epoch: epochSeconds,
    epochTolerance: 30,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  // The functional API's result type is shared with HOTP; a TOTP result always has timeStep.
  return result.valid ? (result as { timeStep?: number }).timeStep : undefined;
}

/** Ten fresh backup codes as shown to the user ("abcd-efgh"). */
export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    let code = '';
    for (let i = 0; i < 8; i++) code += BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)];
    return `${code.slice(0, 4)}-${code.slice(4)}`;
  });
}

/** The form a backup code is hashed in (no dash, lower case). */
export const normalizeBackupCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();
