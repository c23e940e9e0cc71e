// What the search box means.
import { badInput } from '@autolytiq/kit';

export type SearchPlan =
  | { kind: 'contact'; pattern: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'name'; text: string };

/**
 * "jon smth" → a fuzzy name search (pg_trgm word similarity); "555-01", "(512) 555" → a phone digit
 * fragment; anything with '@' → an email substring.
 */
export function planSearch(raw: string): SearchPlan | undefined {
  const q = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!q) return undefined;
  if (q.length > 100) throw badInput('search', 'At most 100 characters.');
  if (q.includes('@')) return { kind: 'contact', pattern: q };
  const digits = q.replace(/\D/g, '');
  if (/^[+\d\s().\-/]+$/.test(q)) {
    if (digits.length < 3) throw badInput('search', 'Type at least 3 digits of a phone number.');
    return { kind: 'phone', digits };
  }
  if (!q.split(' ').some((t) => t.length >= 2))
    throw badInput('search', 'Type at least 2 letters of a name.');
  return { kind: 'name', text: q };
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
