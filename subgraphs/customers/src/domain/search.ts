// What the search box means, and the opaque cursors of the customer connection.
import { badInput, isUuid } from '@autolytiq/kit';

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

export type Cursor =
  { kind: 'created'; createdAt: string; id: string } | { kind: 'offset'; offset: number };

export function encodeCursor(c: Cursor): string {
  const raw = c.kind === 'created' ? `c|${c.createdAt}|${c.id}` : `o|${c.offset}`;
  return Buffer.from(raw, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expected: Cursor['kind']): Cursor {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (expected === 'created' && parts[0] === 'c' && parts.length === 3) {
    const [, createdAt, id] = parts as [string, string, string];
    if (!Number.isNaN(Date.parse(createdAt)) && isUuid(id))
      return { kind: 'created', createdAt, id };
  }
  if (
    expected === 'offset' &&
    parts[0] === 'o' &&
    parts.length === 2 &&
    /^\d{1,6}$/.test(parts[1]!)
  )
    return { kind: 'offset', offset: Number(parts[1]) };
  throw badInput(
    'after',
    'Not a cursor from this list (a search and a plain list use different cursors).',
  );
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? 25;
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw badInput('first', 'Ask for 1 to 100 customers.');
  return n;
}
