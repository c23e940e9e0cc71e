// importAdfLead: read the ADF document, find the customer it is about (the same duplicate rules as
// createCustomer: email, phone, name + date of birth) or create one, and log the lead on their
// timeline — all in one transaction. The provider's prospect id makes a re-sent lead a no-op.
import { badInput, conflict, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { findCustomers, findDuplicates, insertCustomer } from '../store/customers-store.ts';
import { findLeadByKey, insertLead } from '../store/leads-store.ts';
import { activitiesById, insertActivity, type ActivityRecord } from '../store/timeline-store.ts';
import { parseAdf, type LeadVehicle, type LeadWarning } from './adf.ts';
import { leadSummary } from './adf-summary.ts';
import { applyCustomerInput, EMPTY_CUSTOMER, type CustomerRecord } from './customers.ts';

export interface LeadImportResult {
  customer: CustomerRecord;
  matchedExisting: boolean;
  alreadyImported: boolean;
  activity: ActivityRecord | null;
  requestDate: Date | null;
  provider: string | null;
  vehicles: LeadVehicle[];
  warnings: LeadWarning[];
}

const clip = (v: string | null, max = 100) => (v && v.length > max ? v.slice(0, max) : v);

export class LeadImportService {
  constructor(private readonly db: Database) {}

  async importAdf(principal: Principal, xml: string): Promise<LeadImportResult> {
    const lead = parseAdf(xml);
    if (!lead.firstName && !lead.lastName)
      throw badInput('xml', 'The lead names no customer: the contact has no readable <name>.');
    const key =
      lead.prospectId != null
        ? `${(lead.prospectSource ?? '').toLowerCase()}:${lead.prospectId}`.slice(0, 300)
        : null;
    const fields = applyCustomerInput(EMPTY_CUSTOMER, {
      kind: 'INDIVIDUAL',
      firstName: clip(lead.firstName),
      middleName: clip(lead.middleName),
      lastName: clip(lead.lastName),
      emails: lead.emails,
      phones: lead.phones,
      addresses: lead.address ? [lead.address] : [],
      source: 'WEB_LEAD',
      preferredContact: lead.emails.length ? 'EMAIL' : lead.phones.length ? 'PHONE' : null,
    });
    return this.db.withTenant(tenantOf(principal), async (em) => {
      if (key) {
        const earlier = await findLeadByKey(em, key);
        if (earlier) {
          const [customer] = await findCustomers(em, [earlier.customerId]);
          const [activity] = earlier.activityId
            ? await activitiesById(em, [earlier.activityId])
            : [];
          return {
            customer: customer!,
            matchedExisting: true,
            alreadyImported: true,
            activity: activity ?? null,
            requestDate: earlier.requestDate,
            provider: earlier.provider,
            vehicles: earlier.vehicles,
            warnings: earlier.warnings,
          };
        }
      }
      const [match] = await findDuplicates(em, fields);
      const customer =
        match ?? (await insertCustomer(em, principal.dealershipId, principal.userId, fields));
      const warnings = [...lead.warnings];
      if (match)
        warnings.push({
          path: 'prospect.customer',
          message: 'Matched an existing customer; the details on file were kept as they are.',
        });
      const activity = await insertActivity(em, principal.dealershipId, {
        customerId: customer.id,
        kind: 'LEAD',
        occurredAt: lead.requestDate ?? new Date(),
        summary: leadSummary(lead),
        actorId: principal.userId,
      });
      const stored = await insertLead(em, principal.dealershipId, {
        customerId: customer.id,
        activityId: activity.id,
        key,
        provider: lead.providerName,
        requestDate: lead.requestDate,
        vehicles: lead.vehicles,
        warnings,
        xml,
        importedBy: principal.userId,
      });
      if (!stored) throw conflict('This lead is being imported by another request. Try again.');
      return {
        customer,
        matchedExisting: !!match,
        alreadyImported: false,
        activity,
        requestDate: lead.requestDate,
        provider: lead.providerName,
        vehicles: lead.vehicles,
        warnings,
      };
    });
  }
}
