// customers.customers, always inside a tenant transaction (RLS shows the caller's dealership only).
import { randomUUID } from 'node:crypto';
import { isUuid, textArray, uuidArray, type EntityManager, type SqlReader } from '@autolytiq/kit';
import type { AddressRecord } from '../domain/address.ts';
import {
  searchColumns,
  type CustomerFields,
  type CustomerRecord,
  type PhoneRecord,
} from '../domain/customers.ts';
import { likeEscape, type SearchPlan } from '../domain/search.ts';

interface Row {
  id: string;
  kind: CustomerRecord['kind'];
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  business_name: string | null;
  emails: string[];
  phones: PhoneRecord[];
  addresses: AddressRecord[];
  birth_year: number | null;
  preferred_contact: CustomerRecord['preferredContact'];
  marketing_consent: boolean;
  do_not_contact: boolean;
  source: CustomerRecord['source'];
  assigned_salesperson_id: string | null;
  created_at: Date;
  created_key: string;
  updated_at: Date;
  version: number;
}

/** A stored customer plus the exact created_at text (keyset cursors need microseconds). */
export type StoredCustomer = CustomerRecord & { createdKey: string };

export const COLUMNS = `c.id, c.kind, c.first_name, c.middle_name, c.last_name, c.business_name, c.emails,
  c.phones, c.addresses, coalesce(c.birth_year::int, extract(year from c.date_of_birth)::int) as birth_year,
  c.preferred_contact,
  c.marketing_consent, c.do_not_contact, c.source, c.assigned_salesperson_id, c.created_at,
  c.created_at::text as created_key, c.updated_at, c.version`;

function toRecord(r: Row): StoredCustomer {
  return {
    id: r.id,
    kind: r.kind,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    businessName: r.business_name,
    emails: r.emails,
    phones: r.phones,
    addresses: r.addresses,
    birthYear: r.birth_year,
    preferredContact: r.preferred_contact,
    marketingConsent: r.marketing_consent,
    doNotContact: r.do_not_contact,
    source: r.source,
    assignedSalespersonId: r.assigned_salesperson_id,
    createdAt: r.created_at,
    createdKey: r.created_key,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function values(c: CustomerFields): unknown[] {
  const search = searchColumns(c);
  return [
    c.kind,
    c.firstName,
    c.middleName,
    c.lastName,
    c.businessName,
    textArray(c.emails),
    JSON.stringify(c.phones),
    textArray(c.phones.map((p) => p.number)),
    JSON.stringify(c.addresses),
    c.preferredContact,
    c.marketingConsent,
    c.doNotContact,
    c.source,
    c.assignedSalespersonId,
    search.name,
    search.contact,
  ];
}

export async function findCustomers(
  em: EntityManager,
  ids: readonly string[],
): Promise<StoredCustomer[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from customers.customers c where c.id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  return rows.map(toRecord);
}

/**
 * Resolves references: one query for the customers' own ids; only when some id is not a customer
 * (it was merged away) a second query maps those to their survivors (returned under the old id).
 * Measured: the former single UNION query (own ids + merged ids, the id list sent twice) cost ~0.9 ms
 * more per batch of 100 than this common one-query path.
 */
export async function resolveReferences(
  em: SqlReader,
  ids: readonly string[],
): Promise<Map<string, StoredCustomer>> {
  const out = new Map<string, StoredCustomer>();
  if (ids.length === 0) return out;
  const own = await em.execute<Row[]>(
    `select ${COLUMNS} from customers.customers c where c.id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  for (const row of own) out.set(row.id, toRecord(row));
  if (out.size === ids.length) return out;
  const missing = ids.filter((id) => !out.has(id) && isUuid(id));
  if (missing.length === 0) return out;
  const merged = await em.execute<(Row & { ref_id: string })[]>(
    `select m.merged_id as ref_id, ${COLUMNS}
       from customers.merged_customers m join customers.customers c on c.id = m.survivor_id
      where m.merged_id = any(?::uuid[])`,
    [uuidArray(missing)],
  );
  for (const row of merged) out.set(row.ref_id, toRecord(row));
  return out;
}

/** A date of birth ready to store: sealed to its row, its year, and its match tag. */
export interface SealedDob {
  encrypted: string;
  birthYear: number;
  match: string;
}

const dobValues = (dob: SealedDob | null) => [
  dob?.encrypted ?? null,
  dob?.birthYear ?? null,
  dob?.match ?? null,
];

/** Inserts with `id` (the sealed date of birth is bound to it). */
export async function insertCustomer(
  em: EntityManager,
  dealershipId: string,
  createdBy: string,
  c: CustomerFields,
  id: string = randomUUID(),
  dob: SealedDob | null = null,
): Promise<StoredCustomer> {
  const rows = await em.execute<Row[]>(
    `insert into customers.customers as c (kind, first_name, middle_name, last_name, business_name,
       emails, phones, phone_numbers, addresses, preferred_contact, marketing_consent,
       do_not_contact, source, assigned_salesperson_id, search_name, search_contact, dealership_id,
       created_by, id, date_of_birth_encrypted, birth_year, dob_match)
     values (?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?::text[], ?::jsonb, ?, ?, ?, ?, ?::uuid,
       ?, ?, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?)
     returning ${COLUMNS}`,
    [...values(c), dealershipId, createdBy, id, ...dobValues(dob)],
  );
  return toRecord(rows[0]!);
}

/**
 * Writes `next` only if the row still has `expectedVersion`; undefined when it moved on or is gone.
 * `dob`: undefined keeps the stored date of birth, null removes it, a value replaces it.
 */
export async function updateCustomer(
  em: EntityManager,
  id: string,
  next: CustomerFields,
  expectedVersion: number,
  dob?: SealedDob | null,
): Promise<StoredCustomer | undefined> {
  const dobSql =
    dob === undefined
      ? ''
      : 'date_of_birth = null, date_of_birth_encrypted = ?, birth_year = ?, dob_match = ?,';
  const rows = await em.execute<Row[]>(
    `update customers.customers as c set kind = ?, first_name = ?, middle_name = ?, last_name = ?,
       business_name = ?, emails = ?::text[], phones = ?::jsonb, phone_numbers = ?::text[],
       addresses = ?::jsonb, preferred_contact = ?, marketing_consent = ?,
       do_not_contact = ?, source = ?, assigned_salesperson_id = ?::uuid, search_name = ?,
       search_contact = ?, ${dobSql} version = version + 1, updated_at = now()
     where c.id = ? and c.version = ? returning ${COLUMNS}`,
    [...values(next), ...(dob === undefined ? [] : dobValues(dob)), id, expectedVersion],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** A customer's date of birth as stored: sealed, or (before the start-up pass) still in clear. */
export interface StoredDob {
  id: string;
  encrypted: string | null;
  clear: string | null;
  match: string | null;
}

export async function storedDobsOf(
  em: EntityManager,
  ids: readonly string[],
  lock = false,
): Promise<StoredDob[]> {
  return em.execute<StoredDob[]>(
    `select id, date_of_birth_encrypted as encrypted, to_char(date_of_birth, 'YYYY-MM-DD') as clear,
            dob_match as match
       from customers.customers where id = any(?::uuid[])
        and (date_of_birth_encrypted is not null or date_of_birth is not null)
        ${lock ? 'for update' : ''}`,
    [uuidArray(ids)],
  );
}

/** Dealerships that still have customers with a clear date of birth (across tenants: ids only). */
export async function dealershipsWithClearDob(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    'select d as id from customers.dealerships_with_clear_dob() d',
  );
  return rows.map((r) => r.id);
}

/** Up to `limit` rows of the tenant still holding a clear date of birth, locked (others skip them). */
export async function clearDobBatch(em: EntityManager, limit: number): Promise<StoredDob[]> {
  return em.execute<StoredDob[]>(
    `select id, null as encrypted, to_char(date_of_birth, 'YYYY-MM-DD') as clear, null as match
       from customers.customers where date_of_birth is not null
      limit ? for update skip locked`,
    [limit],
  );
}

/** Sealed dates of birth after `afterId`, in id order (key rotation). */
export async function sealedDobBatch(
  em: EntityManager,
  limit: number,
  afterId?: string,
): Promise<StoredDob[]> {
  return em.execute<StoredDob[]>(
    `select id, date_of_birth_encrypted as encrypted, null as clear, dob_match as match
       from customers.customers where date_of_birth_encrypted is not null
        ${afterId ? 'and id > ?::uuid' : ''}
      order by id limit ?`,
    afterId ? [afterId, limit] : [limit],
  );
}

/** Stores a sealed date of birth without touching version or updated_at (not a user's change). */
export async function writeSealedDob(em: EntityManager, id: string, dob: SealedDob): Promise<void> {
  await em.execute(
    `update customers.customers set date_of_birth = null, date_of_birth_encrypted = ?,
       birth_year = ?, dob_match = ? where id = ?::uuid`,
    [...dobValues(dob), id],
  );
}

export async function deleteCustomer(em: EntityManager, id: string): Promise<void> {
  await em.execute('delete from customers.customers where id = ?', [id]);
}

export interface ListFilter {
  assignedSalespersonId?: string | null;
  source?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}

/** The list filters on customers.customers (searches pass them to the search function instead). */
function filterSql(filter: ListFilter, where: string[], params: unknown[]): void {
  if (filter.assignedSalespersonId) {
    where.push(`c.assigned_salesperson_id = ?::uuid`);
    params.push(filter.assignedSalespersonId);
  }
  if (filter.source) {
    where.push(`c.source = ?`);
    params.push(filter.source);
  }
  if (filter.createdFrom) {
    where.push(`c.created_at >= ?::timestamptz`);
    params.push(filter.createdFrom.toISOString());
  }
  if (filter.createdTo) {
    where.push(`c.created_at < ?::timestamptz`);
    params.push(filter.createdTo.toISOString());
  }
}

/** Tokens of a name search that carry trigrams (one-letter tokens do not narrow anything). */
export function nameTokens(text: string): string[] {
  return text
    .split(' ')
    .filter((t) => t.length >= 2)
    .slice(0, 5);
}

/** Arguments of customers.name_hits / contact_hits up to the filters: the search itself. */
function searchArgs(plan: SearchPlan): { fn: string; args: unknown[] } {
  if (plan.kind === 'name') {
    // Every token must be (fuzzily) a word of the name: "jon smth" → jon ≈ john AND smth ≈ smith.
    return {
      fn: 'customers.name_hits(?::text[], ?',
      args: [textArray(nameTokens(plan.text)), plan.text],
    };
  }
  // search_contact is stored lower-case and the plan lower-cases: LIKE, cheaper to recheck than ILIKE.
  const pattern = plan.kind === 'phone' ? plan.digits : likeEscape(plan.pattern);
  return { fn: 'customers.contact_hits(?', args: [`%${pattern}%`] };
}

/**
 * The ranked ids of a search, as a FROM item: a SECURITY DEFINER function that reaches the trigram
 * indexes and states the tenant itself (customers migration 0050). `limit` null → every hit.
 */
function hitsSql(
  plan: SearchPlan,
  filter: ListFilter,
  limit: number | null,
  offset: number,
): { sql: string; params: unknown[] } {
  const { fn, args } = searchArgs(plan);
  return {
    sql: `${fn}, ?::uuid, ?::text, ?::timestamptz, ?::timestamptz, ?::int, ?::int)`,
    params: [
      ...args,
      filter.assignedSalespersonId ?? null,
      filter.source ?? null,
      filter.createdFrom?.toISOString() ?? null,
      filter.createdTo?.toISOString() ?? null,
      limit,
      offset,
    ],
  };
}

export interface PageQuery {
  filter: ListFilter;
  limit: number;
  /** Keyset position for plain lists (newest first). */
  after?: { createdAt: string; id: string };
  /** Search plan; results ordered by relevance with offset paging. */
  search?: SearchPlan;
  offset?: number;
}

export async function listCustomers(em: EntityManager, q: PageQuery): Promise<StoredCustomer[]> {
  if (q.search) {
    // The page of ids comes from the search function, then is joined to the customers (RLS).
    const hits = hitsSql(q.search, q.filter, q.limit, q.offset ?? 0);
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from ${hits.sql} h join customers.customers c on c.id = h.id
        order by h.score desc, h.id`,
      hits.params,
    );
    return rows.map(toRecord);
  }
  const where: string[] = [];
  const params: unknown[] = [];
  filterSql(q.filter, where, params);
  if (q.after) {
    where.push('(c.created_at, c.id) < (?::timestamptz, ?::uuid)');
    params.push(q.after.createdAt, q.after.id);
  }
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from customers.customers c
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.created_at desc, c.id desc limit ?`,
    [...params, q.limit],
  );
  return rows.map(toRecord);
}

export async function countCustomers(
  em: EntityManager,
  filter: ListFilter,
  search?: SearchPlan,
): Promise<number> {
  if (search) {
    const hits = hitsSql(search, filter, null, 0);
    const rows = await em.execute<{ n: string }[]>(
      `select count(*) as n from ${hits.sql}`,
      hits.params,
    );
    return Number(rows[0]!.n);
  }
  const where: string[] = [];
  const params: unknown[] = [];
  filterSql(filter, where, params);
  const rows = await em.execute<{ n: string }[]>(
    `select count(*) as n from customers.customers c ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  return Number(rows[0]!.n);
}

/**
 * Customers sharing an email or phone (customers.contact_point_matches, which reaches the mirror's
 * array indexes), or with the same last name, date of birth and first initial, or a business by the
 * same name.
 * Dates of birth are sealed, so the date is matched by its keyed hash (`dobTags`: the tags of
 * c.dateOfBirth under every configured key); text equality is leakproof, so the (dealership_id,
 * dob_match) index serves it under RLS. Rows not yet sealed by the start-up pass match on the clear
 * column.
 */
export async function findDuplicates(
  em: EntityManager,
  c: CustomerFields,
  dobTags: readonly string[] = [],
  excludeId?: string,
): Promise<StoredCustomer[]> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (c.emails.length || c.phones.length) {
    parts.push(`select id from customers.contact_point_matches(?::text[], ?::text[]) as id`);
    params.push(textArray(c.emails), textArray(c.phones.map((p) => p.number)));
  }
  if (c.lastName && c.dateOfBirth) {
    parts.push(`select c.id from customers.customers c
      where (c.dob_match = any(?::text[]) or c.date_of_birth = ?::date)
        and lower(c.last_name) = lower(?::text)
        and (?::text is null or c.first_name is null
          or left(lower(c.first_name), 1) = left(lower(?::text), 1))`);
    params.push(textArray(dobTags), c.dateOfBirth, c.lastName, c.firstName, c.firstName);
  }
  if (c.kind === 'BUSINESS' && c.businessName) {
    parts.push(
      `select c.id from customers.customers c where lower(c.business_name) = lower(?::text)`,
    );
    params.push(c.businessName);
  }
  if (parts.length === 0) return [];
  const rows = await em.execute<Row[]>(
    `with hits as materialized (${parts.join(' union ')})
     select ${COLUMNS} from hits h join customers.customers c on c.id = h.id
      ${excludeId ? 'where c.id <> ?::uuid' : ''}
      order by c.created_at limit 10`,
    excludeId ? [...params, excludeId] : params,
  );
  return rows.map(toRecord);
}
