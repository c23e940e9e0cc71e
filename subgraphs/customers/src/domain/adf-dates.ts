// Request dates as ADF feeds send them (the DTD says ISO 8601; real feeds send many things).
const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/**
 * Dates as feeds send them: ISO 8601 (with or without seconds, "T" or space, zone as Z, ±hh:mm or
 * ±hhmm), compact 20240301T101500, US 03/01/2024 10:15 AM, RFC 2822. Without a zone the time is
 * read as UTC and the caller warns.
 */
export function parseAdfDate(raw: string): { date: Date; zoned: boolean } | null {
  const s = raw.trim();
  let m =
    /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      s,
    );
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', zone] = m;
    return build(+y!, +mo!, +d!, +h, +mi, +se, zone ?? null);
  }
  m =
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]\.?M\.?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    );
  if (m) {
    const [, mo, d, y, h = '0', mi = '0', se = '0', ampm, zone] = m;
    let hour = +h;
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/^p/i.test(ampm) ? 12 : 0);
    }
    return build(+y!, +mo!, +d!, hour, +mi, +se, zone ?? null);
  }
  m =
    /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|GMT|UTC|[+-]\d{4})?$/i.exec(
      s,
    );
  if (m) {
    const [, d, monthName, y, h, mi, se = '0', zone] = m;
    const mo = MONTHS.indexOf(monthName!.toLowerCase()) + 1;
    if (mo === 0) return null;
    return build(
      +y!,
      mo,
      +d!,
      +h!,
      +mi!,
      +se,
      zone && /^(gmt|utc)$/i.test(zone) ? 'Z' : (zone ?? null),
    );
  }
  return null;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  zone: string | null,
) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!z) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (+z[2]! * 60 + +(z[3] ?? 0));
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMinutes * 60_000;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null; // 02/30
  return { date: new Date(ms), zoned: zone != null };
}
