// The dealership's business information: federal tax id (EIN), main phone, logo address and opening
// hours. Validation only; dealerships.ts applies it as part of the profile patch.
import { badInput } from '@autolytiq/kit';

export const WEEKDAYS = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day's opening, local time of the dealership ("09:00" to "19:30"). */
export interface OpeningHours {
  day: Weekday;
  opens: string;
  closes: string;
}

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** An EIN as the IRS writes it: 12-3456789 (digits typed without the dash are accepted). */
export function taxIdOf(field: string, value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  if (digits === '') return null;
  if (!/^[0-9]{9}$/.test(digits))
    throw badInput(field, 'A federal tax id (EIN) has 9 digits: 12-3456789.');
  return `${digits.slice(0, 2)}-${digits.slice(2)}`;
}

/** A US phone number (10 digits, optional leading 1), kept as (555) 123-4567. */
export function phoneOf(field: string, value: string): string | null {
  let digits = value.replace(/[^0-9]/g, '');
  if (digits === '' && value.trim() === '') return null;
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10 || /[a-z]/i.test(value))
    throw badInput(field, 'Enter a 10-digit phone number, e.g. (555) 123-4567.');
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** The logo's address: https only (it is shown on pages served over https), at most 500 characters. */
export function logoUrlOf(field: string, value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw badInput(field, 'Enter the logo as an https:// address.');
  }
  if (url.protocol !== 'https:' || v.length > 500)
    throw badInput(field, 'Enter the logo as an https:// address (at most 500 characters).');
  return url.toString();
}

/** Each weekday at most once, opening before closing; sorted Monday first. */
export function hoursOf(field: string, list: readonly OpeningHours[]): OpeningHours[] {
  const seen = new Set<string>();
  const out = list.map((h, i) => {
    const at = `${field}[${i}]`;
    if (!WEEKDAYS.includes(h.day)) throw badInput(`${at}.day`, `Unknown day ${h.day}.`);
    if (seen.has(h.day)) throw badInput(`${at}.day`, `${h.day} is listed twice.`);
    seen.add(h.day);
    for (const k of ['opens', 'closes'] as const)
      if (!CLOCK.test(h[k])) throw badInput(`${at}.${k}`, 'Use 24-hour time, e.g. 09:00 or 19:30.');
    if (h.opens >= h.closes) throw badInput(`${at}.closes`, 'Closing time must be after opening.');
    return { day: h.day, opens: h.opens, closes: h.closes };
  });
  return out.sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day));
}
