// The customer form's values, and their translation to and from the API's shapes (one email, one
// phone and one address on the form; lists in the API). Server field paths map back to form fields.
import { z } from 'zod';
import type { CustomerFullFragment, CustomerInput, CustomerSource } from '../generated/graphql.ts';

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
    dateOfBirth: z.string().trim(),
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
  source: 'WALK_IN',
  marketingConsent: false,
};

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

export function fromCustomer(c: CustomerFullFragment): CustomerFormValues {
  const a = c.addresses[0];
  return {
    kind: c.kind,
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    businessName: c.businessName ?? '',
    email: c.emails[0] ?? '',
    phone: c.phones[0]?.number ?? '',
    line1: a?.line1 ?? '',
    city: a?.city ?? '',
    state: a?.state ?? '',
    zip: a?.zip ?? '',
    dateOfBirth: c.dateOfBirth ?? '',
    source: c.source,
    marketingConsent: c.marketingConsent,
  };
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
