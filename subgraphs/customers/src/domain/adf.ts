// ADF 1.0 (Auto-lead Data Format) XML → a lead: prospect id, request date, vehicles of interest,
// customer contact, vendor and provider. Real feeds are sloppy, so reading is lenient: a non-XML
// `<?ADF VERSION "1.0"?>` header (or one before the XML declaration), junk around the <adf> element,
// a DOCTYPE, unescaped ampersands, upper-case tags, phone types outside the DTD and odd date formats
// are all accepted; whatever cannot be read is reported as a warning with its path, never guessed.
// XML that is broken beyond that is BAD_USER_INPUT naming line and column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Decimal } from 'decimal.js';
import { badInput } from '@autolytiq/kit';
import { OfflineAddressValidator, type AddressRecord } from './address.ts';
import { normalizeEmail, type PhoneKind, type PhoneRecord } from './customers.ts';
import { normalizePhone } from './phone.ts';
import { parseAdfDate } from './adf-dates.ts';

export const MAX_ADF_BYTES = 256 * 1024;

export interface LeadWarning {
  /** Where in the lead, e.g. "prospect.customer.contact.phone[1]". */
  path: string;
  message: string;
}

export interface LeadVehicle {
  interest: string | null;
  status: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  trim: string | null;
  vin: string | null;
  stock: string | null;
  price: string | null;
  odometer: number | null;
  comments: string | null;
}

export interface AdfLead {
  prospectId: string | null;
  /** `source` attribute of the prospect id, else the provider's name. */
  prospectSource: string | null;
  requestDate: Date | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  emails: string[];
  phones: PhoneRecord[];
  address: AddressRecord | null;
  customerComments: string | null;
  timeframe: string | null;
  vehicles: LeadVehicle[];
  vendorName: string | null;
  providerName: string | null;
  providerService: string | null;
  warnings: LeadWarning[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'prospect',
  'vehicle',
  'contact',
  'name',
  'email',
  'phone',
  'street',
  'price',
  'id',
  'address',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // ZIPs and phone numbers keep their leading zeros
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxEntityCount: 0, maxTotalExpansions: 1000 },
  transformTagName: (n) => n.toLowerCase(),
  transformAttributeName: (n) => n.toLowerCase(),
  isArray: (name) => ARRAYS.has(name),
});

/** Cleans what real feeds get wrong before the XML parser sees it; each fix is reported. */
export function preprocessAdf(raw: string, warnings: LeadWarning[]): string {
  let xml = raw.replace(/^\uFEFF/, '');
  const start = xml.search(/<adf[\s>]/i);
  if (start < 0) throw badInput('xml', 'Not an ADF lead: there is no <adf> element.');
  const endMatch = /<\/adf\s*>/gi;
  let end = -1;
  for (let m = endMatch.exec(xml); m; m = endMatch.exec(xml)) end = m.index + m[0].length;
  if (end < 0) throw badInput('xml', 'Malformed XML: the <adf> element is never closed.');
  const before = xml.slice(0, start);
  // The prologue may hold <?xml …?>, the non-XML <?ADF VERSION "1.0"?> header (in either order),
  // comments and a DOCTYPE; anything else there is noise from the transport (mail headers, say).
  const prologueNoise = before
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/gi, '')
    .trim();
  if (prologueNoise)
    warnings.push({ path: '(prologue)', message: 'Text before <adf> was ignored.' });
  if (/<!DOCTYPE[^[>]*\[/i.test(before))
    warnings.push({ path: '(prologue)', message: 'The DOCTYPE internal subset was ignored.' });
  if (xml.slice(end).trim())
    warnings.push({ path: '(epilogue)', message: 'Text after </adf> was ignored.' });
  xml = xml.slice(start, end);
  // Bare ampersands ("Smith & Sons", URLs with query strings) are the commonest defect; processing
  // instructions inside the document mean nothing to a lead. CDATA sections are left as they are.
  let fixedAmpersands = false;
  const cleaned = xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => {
      if (part.startsWith('<![CDATA[')) return part;
      const fixed = part.replace(
        /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});)/gi,
        '&amp;',
      );
      if (fixed !== part) fixedAmpersands = true;
      return fixed.replace(/<\?[\s\S]*?\?>/g, '');
    })
    .join('');
  if (fixedAmpersands)
    warnings.push({ path: '(document)', message: 'Unescaped "&" characters were read as text.' });
  return cleaned;
}

function textOf(v: unknown): string | null {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number') {
    const t = String(v).replace(/\s+/g, ' ').trim();
    return t || null;
  }
  if (typeof v === 'object' && '#text' in (v as Node)) return textOf((v as Node)['#text']);
  return null;
}

const attr = (v: unknown, name: string): string | null =>
  v && typeof v === 'object' ? textOf((v as Node)[`@${name}`]) : null;

const list = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const child = (v: unknown, name: string): unknown =>
  v && typeof v === 'object' ? (v as Node)[name] : undefined;
const first = (v: unknown, name: string): unknown => list(child(v, name))[0];

/** DTD types voice/fax/cellphone/pager, and what feeds send instead (mobile, cell, home, work…). */
export function phoneKindOf(type: string | null): PhoneKind | 'FAX' {
  const t = (type ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (/^(cell|cellphone|mobile|mobilephone|cellular|wireless|sms|text)$/.test(t)) return 'MOBILE';
  if (/^(home|homephone|evening|residence)$/.test(t)) return 'HOME';
  if (/^(work|workphone|business|office|day|daytime)$/.test(t)) return 'WORK';
  if (/^(fax|facsimile)$/.test(t)) return 'FAX';
  return 'OTHER'; // voice, pager, none, anything else
}

interface Names {
  first: string | null;
  middle: string | null;
  last: string | null;
}

function names(contact: unknown): Names {
  const out: Names = { first: null, middle: null, last: null };
  let full: string | null = null;
  for (const n of list(child(contact, 'name'))) {
    const value = textOf(n);
    if (!value) continue;
    const part = (attr(n, 'part') ?? 'full').toLowerCase();
    if (part === 'first') out.first ??= value;
    else if (part === 'middle') out.middle ??= value;
    else if (part === 'last') out.last ??= value;
    else full ??= value;
  }
  if (full && !out.first && !out.last) {
    // "Last, First" or "First [Middle] Last".
    const comma = /^([^,]+),\s*(.+)$/.exec(full);
    if (comma) {
      out.last = comma[1]!.trim();
      out.first = comma[2]!.trim();
    } else {
      const words = full.split(' ');
      out.last = words.length > 1 ? words.pop()! : null;
      out.first = words.join(' ');
    }
  }
  return out;
}

const offline = new OfflineAddressValidator();

function address(node: unknown, path: string, warnings: LeadWarning[]): AddressRecord | null {
  if (!node) return null;
  const streets = list(child(node, 'street'))
    .map((s) => ({ line: Number(attr(s, 'line') ?? 1), text: textOf(s) }))
    .filter((s): s is { line: number; text: string } => !!s.text)
    .sort((a, b) => a.line - b.line)
    .map((s) => s.text);
  const apartment = textOf(child(node, 'apartment'));
  const country = textOf(child(node, 'country'));
  const city = textOf(child(node, 'city'));
  const state = textOf(child(node, 'regioncode'));
  const zip = textOf(child(node, 'postalcode'));
  if (!streets.length && !city && !state && !zip) return null;
  if (country && !/^(us|usa|united states)$/i.test(country)) {
    warnings.push({
      path,
      message: `Address in ${country} not kept (only US addresses are checked).`,
    });
    return null;
  }
  if (!streets.length || !city || !state || !zip) {
    warnings.push({
      path,
      message: 'Incomplete address (street, city, state and ZIP are needed); not kept.',
    });
    return null;
  }
  const checked = offline.validateSync({
    kind: 'HOME',
    line1: streets[0]!,
    line2: [...streets.slice(1), apartment].filter(Boolean).join(', ') || null,
    city,
    state,
    zip,
  });
  if (!checked.valid || !checked.normalized) {
    warnings.push({
      path,
      message: `Address not kept: ${checked.problems.map((p) => p.message).join(' ')}`,
    });
    return null;
  }
  return checked.normalized;
}

function vehicle(v: unknown, path: string, warnings: LeadWarning[]): LeadVehicle {
  const yearText = textOf(child(v, 'year'));
  let year: number | null = null;
  if (yearText) {
    const y = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (y >= 1900 && y <= new Date().getUTCFullYear() + 2) year = y;
    else
      warnings.push({
        path: `${path}.year`,
        message: `Year ${JSON.stringify(yearText)} not read.`,
      });
  }
  let price: string | null = null;
  const prices = list(child(v, 'price'));
  const preferred =
    prices.find((p) => /^(quote|offer|asking)$/i.test(attr(p, 'type') ?? '')) ?? prices[0];
  const priceText = textOf(preferred);
  if (priceText) {
    try {
      const d = new Decimal(priceText.replace(/[$,\s]/g, ''));
      if (d.isFinite() && !d.isNegative()) price = d.toFixed(2);
      else throw new Error('negative');
    } catch {
      warnings.push({
        path: `${path}.price`,
        message: `Price ${JSON.stringify(priceText)} not read.`,
      });
    }
    const currency = attr(preferred, 'currency');
    if (price && currency && currency.toUpperCase() !== 'USD') {
      warnings.push({ path: `${path}.price`, message: `Price in ${currency} not kept.` });
      price = null;
    }
  }
  const odoText = textOf(child(v, 'odometer'));
  let odometer: number | null = null;
  if (odoText) {
    const n = Number(odoText.replace(/[,\s]/g, ''));
    if (Number.isInteger(n) && n >= 0) odometer = n;
    else
      warnings.push({
        path: `${path}.odometer`,
        message: `Odometer ${JSON.stringify(odoText)} not read.`,
      });
  }
  const vin = textOf(child(v, 'vin'))?.toUpperCase() ?? null;
  if (vin && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin))
    warnings.push({
      path: `${path}.vin`,
      message: `${JSON.stringify(vin)} is not a 17-character VIN (kept as given).`,
    });
  return {
    interest: attr(v, 'interest')?.toLowerCase() ?? null,
    status: attr(v, 'status')?.toLowerCase() ?? null,
    year,
    make: textOf(child(v, 'make')),
    model: textOf(child(v, 'model')),
    trim: textOf(child(v, 'trim')),
    vin,
    stock: textOf(child(v, 'stock')),
    price,
    odometer,
    comments: textOf(child(v, 'comments')),
  };
}

function contactPoints(contact: unknown, path: string, warnings: LeadWarning[]) {
  const emails: string[] = [];
  list(child(contact, 'email')).forEach((e, i) => {
    const value = textOf(e);
    if (!value) return;
    try {
      const email = normalizeEmail('email', value);
      if (!emails.includes(email)) emails.push(email);
    } catch {
      warnings.push({
        path: `${path}.email[${i}]`,
        message: `${JSON.stringify(value)} is not an email address; not kept.`,
      });
    }
  });
  const phones: PhoneRecord[] = [];
  list(child(contact, 'phone')).forEach((p, i) => {
    const value = textOf(p);
    if (!value) return;
    const kind = phoneKindOf(attr(p, 'type'));
    if (kind === 'FAX') {
      warnings.push({ path: `${path}.phone[${i}]`, message: 'Fax number not kept.' });
      return;
    }
    // "512-555-0100 x12": keep the number, report the extension.
    const ext = /^(.*?)\s*(?:ext\.?|x|#)\s*\d+\s*$/i.exec(value);
    const r = normalizePhone(ext ? ext[1]! : value);
    if (!r.ok) {
      warnings.push({
        path: `${path}.phone[${i}]`,
        message: `${JSON.stringify(value)}: ${r.reason} Not kept.`,
      });
      return;
    }
    if (ext) warnings.push({ path: `${path}.phone[${i}]`, message: 'Extension dropped.' });
    if (!phones.some((x) => x.number === r.e164)) phones.push({ number: r.e164, kind });
  });
  return { emails: emails.slice(0, 10), phones: phones.slice(0, 10) };
}

/** Reads one ADF document. Throws BAD_USER_INPUT (field "xml") when it is not a readable ADF lead. */
export function parseAdf(raw: string, now = new Date()): AdfLead {
  if (Buffer.byteLength(raw, 'utf8') > MAX_ADF_BYTES)
    throw badInput('xml', `An ADF lead is at most ${MAX_ADF_BYTES / 1024} KB.`);
  const warnings: LeadWarning[] = [];
  const xml = preprocessAdf(raw, warnings);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw badInput(
      'xml',
      `Malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
      {
        line: valid.err.line,
        column: valid.err.col,
      },
    );
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw badInput('xml', `Malformed XML: ${(error as Error).message}`);
  }
  const prospects = list(child(doc.adf, 'prospect'));
  if (prospects.length === 0) throw badInput('xml', 'The ADF document has no <prospect>.');
  if (prospects.length > 1)
    warnings.push({
      path: 'prospect',
      message: `Only the first of ${prospects.length} prospects was imported.`,
    });
  const p = prospects[0];
  const status = attr(p, 'status');
  if (status && status.toLowerCase() === 'resend')
    warnings.push({ path: 'prospect', message: 'Marked as a re-send of an earlier lead.' });

  let requestDate: Date | null = null;
  const dateText = textOf(child(p, 'requestdate'));
  if (!dateText)
    warnings.push({
      path: 'prospect.requestdate',
      message: 'No request date; the import time is used.',
    });
  else {
    const parsed = parseAdfDate(dateText);
    if (!parsed)
      warnings.push({
        path: 'prospect.requestdate',
        message: `Date ${JSON.stringify(dateText)} not read; the import time is used.`,
      });
    else {
      if (!parsed.zoned)
        warnings.push({
          path: 'prospect.requestdate',
          message: 'No time zone given; read as UTC.',
        });
      if (parsed.date.getTime() > now.getTime() + 24 * 3600_000) {
        warnings.push({
          path: 'prospect.requestdate',
          message: `Date ${dateText} is in the future; the import time is used.`,
        });
      } else requestDate = parsed.date;
    }
  }

  const idNode = first(p, 'id');
  const customer = child(p, 'customer');
  if (!customer) throw badInput('xml', 'The ADF prospect has no <customer>.');
  const contacts = list(child(customer, 'contact'));
  const contact =
    contacts.find((c) => /^(1|true|yes)$/i.test(attr(c, 'primarycontact') ?? '')) ?? contacts[0];
  if (!contact) throw badInput('xml', 'The ADF customer has no <contact>.');
  const n = names(contact);
  const { emails, phones } = contactPoints(contact, 'prospect.customer.contact', warnings);
  const addressNodes = list(child(contact, 'address'));
  const addr = address(addressNodes[0], 'prospect.customer.contact.address', warnings);

  const timeframe = child(customer, 'timeframe');
  const timeframeText = [
    textOf(child(timeframe, 'description')),
    textOf(child(timeframe, 'earliestdate')) && `from ${textOf(child(timeframe, 'earliestdate'))}`,
    textOf(child(timeframe, 'latestdate')) && `by ${textOf(child(timeframe, 'latestdate'))}`,
  ]
    .filter(Boolean)
    .join(' ');

  const provider = child(p, 'provider');
  const providerName =
    textOf(first(provider, 'name')) ??
    textOf(child(provider, 'service')) ??
    textOf(first(provider, 'id'));
  const vendor = child(p, 'vendor');
  return {
    prospectId: textOf(idNode),
    prospectSource: attr(idNode, 'source') ?? providerName,
    requestDate,
    firstName: n.first,
    middleName: n.middle,
    lastName: n.last,
    emails,
    phones,
    address: addr,
    customerComments: textOf(child(customer, 'comments')),
    timeframe: timeframeText || null,
    vehicles: list(child(p, 'vehicle'))
      .slice(0, 20)
      .map((v, i) => vehicle(v, `prospect.vehicle[${i}]`, warnings)),
    vendorName: textOf(child(vendor, 'vendorname')),
    providerName,
    providerService: textOf(child(provider, 'service')),
    warnings,
  };
}
