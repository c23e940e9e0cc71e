// Display formatting only (amounts arrive as decimal strings and are never computed here).

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function money(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? usd.format(n) : value;
}

export function percent(rate: string | null | undefined, digits = 3): string {
  if (rate == null) return '—';
  return `${(Number(rate) * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

export function date(value: string | null | undefined): string {
  if (!value) return '—';
  // A calendar date (deal date, in-stock date, birth date) is that day wherever the browser is:
  // `new Date('2026-11-20')` is UTC midnight, which US time zones would show as the 19th.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString('en-US');
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString('en-US');
}

export const titleCase = (s: string) =>
  s
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());

/** A recorded change's input path for people: `applicant.employments` → "applicant: employments". */
export function describeChangedField(path: string): string {
  if (path === 'coApplicant') return 'co-applicant added or removed';
  const [who, field] = path.split('.');
  const person = who === 'coApplicant' ? 'co-applicant' : 'applicant';
  if (!field) return person;
  const words: Record<string, string> = { ssn: 'SSN' };
  return `${person}: ${words[field] ?? field.replace(/([A-Z])/g, ' $1').toLowerCase()}`;
}

/**
 * A customer's date of birth as the API shows it (`1985-**-**`, from the birth year if need be), or
 * null when none is on file. The full date only comes from an audited reveal.
 */
export function dateOfBirthOnFile(c: {
  dateOfBirth?: string | null;
  birthYear?: number | null;
}): string | null {
  return c.dateOfBirth ?? (c.birthYear != null ? `${c.birthYear}-**-**` : null);
}
