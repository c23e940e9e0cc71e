// admin.dealerships, always inside a tenant transaction (RLS shows the caller's own row only).
import { uuidArray, type EntityManager } from '@autolytiq/kit';
import type { DealershipRecord } from '../domain/dealerships.ts';
import type { OpeningHours } from '../domain/business-info.ts';

interface Row {
  id: string;
  name: string;
  legal_name: string;
  address_line1: string;
  address_line2: string | null;
  address_city: string;
  address_state: string;
  address_zip: string;
  address_county: string | null;
  timezone: string;
  currency: string;
  audit_retention_days: number;
  tax_id: string | null;
  phone: string | null;
  logo_url: string | null;
  hours: OpeningHours[] | string;
  version: number;
}

const COLUMNS =
  'id, name, legal_name, address_line1, address_line2, address_city, address_state, address_zip, address_county, timezone, currency, audit_retention_days, tax_id, phone, logo_url, hours, version';

function toRecord(r: Row): DealershipRecord {
  return {
    id: r.id,
    name: r.name,
    legalName: r.legal_name,
    address: {
      line1: r.address_line1,
      line2: r.address_line2,
      city: r.address_city,
      state: r.address_state,
      zip: r.address_zip,
      county: r.address_county,
    },
    timezone: r.timezone,
    currency: r.currency,
    auditRetentionDays: r.audit_retention_days,
    taxId: r.tax_id,
    phone: r.phone,
    logoUrl: r.logo_url,
    hours: typeof r.hours === 'string' ? (JSON.parse(r.hours) as OpeningHours[]) : r.hours,
    version: r.version,
  };
}

export async function findDealerships(
  em: EntityManager,
  ids: readonly string[],
): Promise<DealershipRecord[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from admin.dealerships where id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  return rows.map(toRecord);
}

export async function insertDealership(
  em: EntityManager,
  d: Omit<
    DealershipRecord,
    'version' | 'auditRetentionDays' | 'taxId' | 'phone' | 'logoUrl' | 'hours'
  >,
): Promise<DealershipRecord> {
  const rows = await em.execute<Row[]>(
    `insert into admin.dealerships (id, name, legal_name, address_line1, address_line2, address_city,
       address_state, address_zip, address_county, timezone, currency)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
    [
      d.id,
      d.name,
      d.legalName,
      d.address.line1,
      d.address.line2,
      d.address.city,
      d.address.state,
      d.address.zip,
      d.address.county,
      d.timezone,
      d.currency,
    ],
  );
  return toRecord(rows[0]!);
}

/** Writes `next` only if the row still has `expectedVersion`; returns undefined when it moved on. */
export async function updateDealership(
  em: EntityManager,
  next: DealershipRecord,
  expectedVersion: number,
): Promise<DealershipRecord | undefined> {
  const rows = await em.execute<Row[]>(
    `update admin.dealerships set name = ?, legal_name = ?, address_line1 = ?, address_line2 = ?,
       address_city = ?, address_state = ?, address_zip = ?, address_county = ?, timezone = ?,
       audit_retention_days = ?, tax_id = ?, phone = ?, logo_url = ?, hours = ?::jsonb,
       version = version + 1, updated_at = now()
     where id = ? and version = ? returning ${COLUMNS}`,
    [
      next.name,
      next.legalName,
      next.address.line1,
      next.address.line2,
      next.address.city,
      next.address.state,
      next.address.zip,
      next.address.county,
      next.timezone,
      next.auditRetentionDays,
      next.taxId,
      next.phone,
      next.logoUrl,
      JSON.stringify(next.hours),
      next.id,
      expectedVersion,
    ],
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
}
