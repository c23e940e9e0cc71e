// The customer form's values, and their translation to and from the API's shapes (one email, one
// phone and one address on the form; lists in the API). Server field paths map back to form fields.
// The date of birth is read masked (1985-**-**): the edit form starts it empty, and an edit sends it
// only when a new date was typed (or null when "remove" was ticked); left out, the server keeps it.
import { z } from 'zod';
import type {
  CustomerFullFragment,
  CustomerInput,
  CustomerPatch,
  CustomerSource,
} from '../generated/graphql.ts';
import { displayPhone } from './phone-display.ts';

export { displayPhone };

export const SOURCES: CustomerSource[] = [
  'WALK_IN',
  'PHONE',
  'WEB_LEAD',
  'REFERRAL',
  'REPEAT',
  'THIRD_PARTY',
  'EVENT',
  'OTHER',
];

/** 10 digits (a leading 1 allowed), or + and 8–15 digits; separators ( ) - . and spaces ignored. */
function phoneShapeOk(phone: string): boolean {
  const t = phone.replace(/(?:\s*(?:x|ext\.?)\s*\d+)$/i, '').replace(/[\s().-]/g, '');
  return /^1?\d{10}$/.test(t) || /^\+\d{8,15}$/.test(t);
}

export const customerFormSchema = z
  .object({
    kind: z.enum(['INDIVIDUAL', 'BUSINESS']),
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().max(100),
    businessName: z.string().trim().max(200),
    email: z.string().trim(),
    phone: z.string().trim(),
    line1: z.string().trim(),
    city: z.string().trim(),
    state: z.string().trim().max(2),
    zip: z.string().trim(),
    /** A new date typed (YYYY-MM-DD); empty keeps the one on file. */
    dateOfBirth: z.string().trim(),
    /** Remove the date of birth on file (edit only). */
    clearDateOfBirth: z.boolean(),
    source: z.enum(SOURCES as [CustomerSource, ...CustomerSource[]]),
    marketingConsent: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'INDIVIDUAL' && !v.firstName && !v.lastName)
      ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Enter a first or last name.' });
    if (v.kind === 'BUSINESS' && !v.businessName)
      ctx.addIssue({ code: 'custom', path: ['businessName'], message: 'Enter the business name.' });
    const anyAddress = v.line1 || v.city || v.state || v.zip;
    if (anyAddress)
      for (const key of ['line1', 'city', 'state', 'zip'] as const)
        if (!v[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'Needed for the address.' });
    // Shapes are checked here so every mistake shows at once; the server still has the last word
    // (area and exchange codes, the ZIP's state).
    if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email))
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter an email such as name@example.com.',
      });
    if (v.phone && !phoneShapeOk(v.phone))
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter a 10-digit US number or an international number starting with +.',
      });
    if (v.zip && !/^\d{5}(-?\d{4})?$/.test(v.zip))
      ctx.addIssue({ code: 'custom', path: ['zip'], message: 'Enter a 5-digit ZIP code.' });
    if (v.state && !/^[a-z]{2}$/i.test(v.state))
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'Enter the 2-letter state code.' });
    if (v.dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth))
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter a date.' });
    if (v.dateOfBirth && v.clearDateOfBirth)
      ctx.addIssue({
        code: 'custom',
        path: ['dateOfBirth'],
        message: 'Type a new date or remove the one on file, not both.',
      });
  });

export type CustomerFormValues = z.infer<typeof customerFormSchema>;

export const EMPTY_CUSTOMER: CustomerFormValues = {
  kind: 'INDIVIDUAL',
  firstName: '',
  lastName: '',
  businessName: '',
  email: '',
  phone: '',
  line1: '',
  city: '',
  state: '',
  zip: '',
  dateOfBirth: '',
  clearDateOfBirth: false,
  source: 'WALK_IN',
  marketingConsent: false,
};

/** For createCustomer: every field the form has. */
export function toCustomerInput(v: CustomerFormValues): CustomerInput {
  const opt = (s: string) => (s ? s : null);
  return {
    kind: v.kind,
    firstName: opt(v.firstName),
    lastName: opt(v.lastName),
    businessName: opt(v.businessName),
    emails: v.email ? [v.email] : [],
    phones: v.phone ? [{ number: v.phone }] : [],
    addresses: v.line1
      ? [{ line1: v.line1, city: v.city, state: v.state.toUpperCase(), zip: v.zip }]
      : [],
    dateOfBirth: opt(v.dateOfBirth),
    source: v.source,
    marketingConsent: v.marketingConsent,
  };
}

/**
 * The edit form's starting values. The date of birth starts empty: the API only has it masked
 * (`dateOfBirthOnFile` shows that beside the field), and an untouched field must not be sent.
 */
export function fromCustomer(c: CustomerFullFragment): CustomerFormValues {
  const a = c.addresses[0];
  return {
    kind: c.kind,
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    businessName: c.businessName ?? '',
    email: c.emails[0] ?? '',
    phone: c.phones[0] ? displayPhone(c.phones[0].number) : '',
    line1: a?.line1 ?? '',
    city: a?.city ?? '',
    state: a?.state ?? '',
    zip: a?.zip ?? '',
    dateOfBirth: '',
    clearDateOfBirth: false,
    source: c.source,
    marketingConsent: c.marketingConsent,
  };
}

/**
 * For updateCustomer: only what the user changed (left out, the server keeps the stored value). The
 * form shows the first email, phone and address; a changed one replaces that entry and keeps the
 * others (and the phone's and address's kind). `dateOfBirth` is sent only when a new date was
 * typed, null when "remove" was ticked, never otherwise.
 */
export function toCustomerPatch(v: CustomerFormValues, c: CustomerFullFragment): CustomerPatch {
  const before = fromCustomer(c);
  const opt = (s: string) => (s ? s : null);
  const patch: CustomerPatch = {};
  if (v.kind !== before.kind) patch.kind = v.kind;
  if (v.firstName !== before.firstName) patch.firstName = opt(v.firstName);
  if (v.lastName !== before.lastName) patch.lastName = opt(v.lastName);
  if (v.businessName !== before.businessName) patch.businessName = opt(v.businessName);
  if (v.email !== before.email)
    patch.emails = [...(v.email ? [v.email] : []), ...c.emails.slice(1)];
  if (v.phone !== before.phone)
    patch.phones = [
      ...(v.phone ? [{ number: v.phone, ...(c.phones[0] ? { kind: c.phones[0].kind } : {}) }] : []),
      ...c.phones.slice(1).map((p) => ({ number: p.number, kind: p.kind })),
    ];
  const addressKeys = ['line1', 'city', 'state', 'zip'] as const;
  if (addressKeys.some((k) => v[k] !== before[k])) {
    const first = c.addresses[0];
    const rest = c.addresses.slice(1).map((a) => ({
      kind: a.kind,
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      state: a.state,
      zip: a.zip,
    }));
    patch.addresses = v.line1
      ? [
          {
            ...(first ? { kind: first.kind } : {}),
            line1: v.line1,
            // The second line goes with the street it belongs to.
            ...(first?.line2 && v.line1 === before.line1 ? { line2: first.line2 } : {}),
            city: v.city,
            state: v.state.toUpperCase(),
            zip: v.zip,
          },
          ...rest,
        ]
      : rest;
  }
  if (v.clearDateOfBirth) patch.dateOfBirth = null;
  else if (v.dateOfBirth) patch.dateOfBirth = v.dateOfBirth;
  if (v.source !== before.source) patch.source = v.source;
  if (v.marketingConsent !== before.marketingConsent) patch.marketingConsent = v.marketingConsent;
  return patch;
}

/** `emails.0` → `email`, `phones.0.number` → `phone`, `addresses.0.zip` → `zip`. */
export function customerFieldOf(serverPath: string): keyof CustomerFormValues | undefined {
  const direct = serverPath as keyof CustomerFormValues;
  if (direct in EMPTY_CUSTOMER) return direct;
  if (/^emails(\.|$)/.test(serverPath)) return 'email';
  if (/^phones(\.|$)/.test(serverPath)) return 'phone';
  const address = /^addresses(?:\.\d+)?\.(line1|city|state|zip)$/.exec(serverPath);
  if (address) return address[1] as keyof CustomerFormValues;
  if (serverPath.startsWith('addresses')) return 'line1';
  return undefined;
}
