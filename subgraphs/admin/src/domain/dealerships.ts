// The dealership profile: validation and the rules for changing it.
import { badInput } from '@autolytiq/kit';
import { hoursOf, logoUrlOf, phoneOf, taxIdOf, type OpeningHours } from './business-info.ts';

export interface AddressRecord {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
  county: string | null;
}

export interface DealershipRecord {
  id: string;
  name: string;
  legalName: string;
  address: AddressRecord;
  timezone: string;
  currency: string;
  /** Days the audit trail keeps an entry (AUDIT_RETENTION_DAYS bounds). */
  auditRetentionDays: number;
  /** Federal tax id (EIN, 12-3456789). */
  taxId: string | null;
  phone: string | null;
  logoUrl: string | null;
  /** Weekdays open, Monday first; a day not listed is closed. */
  hours: OpeningHours[];
  version: number;
}

/** Safe bounds for the audit retention setting: 1 to 10 years. */
export const AUDIT_RETENTION_DAYS = { min: 365, max: 3650 } as const;

/** An address as typed in: optional parts may be missing. */
export type AddressInput = Omit<AddressRecord, 'line2' | 'county'> & {
  line2?: string | null;
  county?: string | null;
};

export interface DealershipPatch {
  name?: string | null;
  legalName?: string | null;
  timezone?: string | null;
  address?: AddressInput | null;
  auditRetentionDays?: number | null;
  /** "" clears it; null/absent keeps it (also for phone and logoUrl). */
  taxId?: string | null;
  phone?: string | null;
  logoUrl?: string | null;
  /** Replaces the whole week. */
  hours?: readonly OpeningHours[] | null;
}

// USPS codes of the 50 states and DC (territories are not yet supported by the tax engine).
const STATES = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY ' +
    'NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'
  ).split(' '),
);

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

function text(field: string, value: string, max = 200): string {
  const v = value.trim();
  if (!v || v.length > max) throw badInput(field, `Enter 1–${max} characters.`);
  return v;
}

export function validateAddress(field: string, a: AddressInput): AddressRecord {
  const state = a.state.trim().toUpperCase();
  if (!STATES.has(state))
    throw badInput(`${field}.state`, `Unknown state code ${JSON.stringify(a.state)}.`);
  const zip = a.zip.trim();
  if (!/^[0-9]{5}(-[0-9]{4})?$/.test(zip))
    throw badInput(`${field}.zip`, 'ZIP must be 12345 or 12345-6789.');
  return {
    line1: text(`${field}.line1`, a.line1),
    line2: a.line2?.trim() || null,
    city: text(`${field}.city`, a.city, 100),
    state,
    zip,
    county: a.county?.trim() || null,
  };
}

/** Applies a validated patch; fields left out keep their value. */
export function applyPatch(
  current: DealershipRecord,
  patch: DealershipPatch,
  field = 'input',
): DealershipRecord {
  const next = { ...current };
  if (patch.name != null) next.name = text(`${field}.name`, patch.name);
  if (patch.legalName != null) next.legalName = text(`${field}.legalName`, patch.legalName);
  if (patch.timezone != null) {
    if (!isTimezone(patch.timezone))
      throw badInput(`${field}.timezone`, `Unknown time zone ${JSON.stringify(patch.timezone)}.`);
    next.timezone = patch.timezone;
  }
  if (patch.address != null) next.address = validateAddress(`${field}.address`, patch.address);
  if (patch.auditRetentionDays != null) {
    const days = patch.auditRetentionDays;
    const { min, max } = AUDIT_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < min || days > max)
      throw badInput(
        `${field}.auditRetentionDays`,
        `Keep the audit trail ${min}–${max} days (1 to 10 years).`,
        { min, max },
      );
    next.auditRetentionDays = days;
  }
  if (patch.taxId != null) next.taxId = taxIdOf(`${field}.taxId`, patch.taxId);
  if (patch.phone != null) next.phone = phoneOf(`${field}.phone`, patch.phone);
  if (patch.logoUrl != null) next.logoUrl = logoUrlOf(`${field}.logoUrl`, patch.logoUrl);
  if (patch.hours != null) next.hours = hoursOf(`${field}.hours`, patch.hours);
  return next;
}
