// customers.adf_leads: every imported ADF lead, its raw XML, and the customer and activity it made.
import type { EntityManager } from '@autolytiq/kit';
import type { LeadVehicle, LeadWarning } from '../domain/adf.ts';

export interface StoredLead {
  id: string;
  customerId: string;
  activityId: string | null;
  provider: string | null;
  requestDate: Date | null;
  vehicles: LeadVehicle[];
  warnings: LeadWarning[];
}

const LEAD = `id, customer_id as "customerId", activity_id as "activityId", provider,
  request_date as "requestDate", vehicles, warnings`;

export async function findLeadByKey(
  em: EntityManager,
  key: string,
): Promise<StoredLead | undefined> {
  const rows = await em.execute<StoredLead[]>(
    `select ${LEAD} from customers.adf_leads where lead_key = ?`,
    [key],
  );
  return rows[0];
}

/** Undefined when a lead with the same key was stored meanwhile (a concurrent import). */
export async function insertLead(
  em: EntityManager,
  dealershipId: string,
  lead: Omit<StoredLead, 'id'> & { key: string | null; xml: string; importedBy: string },
): Promise<StoredLead | undefined> {
  const rows = await em.execute<StoredLead[]>(
    `insert into customers.adf_leads (dealership_id, customer_id, activity_id, lead_key, provider,
       request_date, vehicles, warnings, xml, imported_by)
     values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?::timestamptz, ?::jsonb, ?::jsonb, ?, ?::uuid)
     on conflict (dealership_id, lead_key) where lead_key is not null do nothing
     returning ${LEAD}`,
    [
      dealershipId,
      lead.customerId,
      lead.activityId,
      lead.key,
      lead.provider,
      lead.requestDate?.toISOString() ?? null,
      JSON.stringify(lead.vehicles),
      JSON.stringify(lead.warnings),
      lead.xml,
      lead.importedBy,
    ],
  );
  return rows[0];
}
