// PII never goes to the language model. The tools select no SSN or date-of-birth field, and this is
// the second line: every text that leaves for the model endpoint (user messages, history, tool
// results, retrieved passages) passes through `redactPii`, which masks anything shaped like an SSN
// or like an adult's full date of birth — whatever a customer note or a document happens to contain.

const SSN = /\b\d{3}[- ]\d{2}[- ]\d{4}\b|\b(?<![\d.,$])\d{9}(?![\d.,])\b/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const US_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g;

/**
 * Full dates at least this many years old are treated as possible birth dates. Deal, stock and
 * document dates are recent; a customer old enough to buy a car was born earlier than this.
 */
const BIRTH_DATE_MIN_AGE_YEARS = 14;

export const REDACTED = '[redacted]';

export function redactPii(text: string, now = new Date()): string {
  const cutoff = now.getUTCFullYear() - BIRTH_DATE_MIN_AGE_YEARS;
  const old = (year: string) => Number(year) <= cutoff && Number(year) >= 1900;
  return text
    .replace(SSN, REDACTED)
    .replace(ISO_DATE, (m, y: string) => (old(y) ? REDACTED : m))
    .replace(US_DATE, (m, _a, _b, y: string) => (old(y) ? REDACTED : m));
}
