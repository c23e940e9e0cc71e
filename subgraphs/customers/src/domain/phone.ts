// Phone numbers to E.164. US/NANP numbers are checked against the NANP rules (area code and exchange
// start with 2–9; N11 service codes are not subscriber numbers); '+' numbers of other countries are
// accepted by length (E.164: country code + subscriber, 8–15 digits in all), not by national plan.

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const NANP_AREA = /^[2-9](?!11)[0-9]{2}$/;
const NANP_EXCHANGE = /^[2-9](?!11)[0-9]{2}$/;

function nanp(ten: string): PhoneResult {
  const area = ten.slice(0, 3);
  const exchange = ten.slice(3, 6);
  if (!NANP_AREA.test(area)) return { ok: false, reason: `${area} is not a valid area code.` };
  if (!NANP_EXCHANGE.test(exchange))
    return { ok: false, reason: `${exchange} is not a valid exchange code.` };
  return { ok: true, e164: `+1${ten}` };
}

/** Normalizes a phone number as typed ("(512) 555-0100", "+44 20 7946 0958") to E.164. */
export function normalizePhone(raw: string): PhoneResult {
  const input = raw.trim();
  if (!input) return { ok: false, reason: 'Enter a phone number.' };
  // Extensions are not part of E.164.
  if (/(ext|x|#)\s*\d+\s*$/i.test(input))
    return { ok: false, reason: 'Leave the extension out of the number.' };
  if (!/^[+]?[0-9\s().\-/]+$/.test(input))
    return {
      ok: false,
      reason: 'A phone number may contain only digits, spaces, ( ) . - / and a leading +.',
    };
  const digits = input.replace(/\D/g, '');
  if (input.startsWith('+')) {
    if (digits.startsWith('1')) {
      if (digits.length !== 11)
        return { ok: false, reason: 'A +1 number has 10 digits after the +1.' };
      return nanp(digits.slice(1));
    }
    if (digits.startsWith('0')) return { ok: false, reason: 'A country code never starts with 0.' };
    if (digits.length < 8 || digits.length > 15)
      return { ok: false, reason: 'An international number has 8 to 15 digits.' };
    return { ok: true, e164: `+${digits}` };
  }
  if (digits.startsWith('011')) return normalizePhone(`+${digits.slice(3)}`);
  if (digits.length === 11 && digits.startsWith('1')) return nanp(digits.slice(1));
  if (digits.length === 10) return nanp(digits);
  return {
    ok: false,
    reason: 'Enter a 10-digit US number or an international number starting with +.',
  };
}

/** Digits a user may type to find a phone: the E.164 digits and, for NANP, the 10 national digits. */
export function phoneSearchDigits(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return digits.startsWith('1') && digits.length === 11 ? `${digits} ${digits.slice(1)}` : digits;
}
