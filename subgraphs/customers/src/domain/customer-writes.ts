// Customer writes: create (with the duplicate check unless confirmed), edit with a version check,
// notes and activities, and merging a duplicate into its survivor — each one tenant transaction.
import { randomUUID } from 'node:crypto';
import {
  badInput,
  changesOf,
  conflict,
  notFound,
  parse,
  recordAudit,
  tenantOf,
  type EntityManager,
  type Principal,
} from '@autolytiq/kit';
import {
  deleteCustomer,
  findCustomers,
  insertCustomer,
  storedDobsOf,
  updateCustomer,
  type SealedDob,
} from '../store/customers-store.ts';
import { moveCreditAndLeads } from '../store/credit-store.ts';
import {
  insertActivity,
  insertNote,
  moveTimeline,
  recordMerge,
  type ActivityKind,
  type ActivityRecord,
  type NoteRecord,
} from '../store/timeline-store.ts';
import { asDate } from './customer-base.ts';
import { CustomerQueries } from './customer-queries.ts';
import {
  applyCustomerInput,
  EMPTY_CUSTOMER,
  mergeFields,
  type CustomerInput,
  type CustomerRecord,
} from './customers.ts';
import { duplicatesFor } from './duplicate-check.ts';

export interface CreateResult {
  customer: CustomerRecord | null;
  duplicates: CustomerRecord[];
}

export class CustomerWrites extends CustomerQueries {
  async create(
    principal: Principal,
    input: CustomerInput,
    confirmNotDuplicate: boolean,
    requestId: string | null = null,
    token?: string,
  ): Promise<CreateResult> {
    const fields = applyCustomerInput(EMPTY_CUSTOMER, input);
    await this.checkAssignee(input, requestId, token);
    const { dealershipId } = principal;
    const customerId = randomUUID();
    const dob = this.sealDob(dealershipId, customerId, fields.dateOfBirth) ?? null;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      if (!confirmNotDuplicate) {
        const tags = this.dob.tags(dealershipId, fields.dateOfBirth);
        const duplicates = await duplicatesFor(em, principal, fields, tags, requestId);
        if (duplicates.length > 0) return { customer: null, duplicates };
      }
      const customer = await insertCustomer(
        em,
        dealershipId,
        principal.userId,
        fields,
        customerId,
        dob,
      );
      await auditCustomer(em, customer.id, 'create', null, customer);
      return { customer, duplicates: [] };
    });
  }

  async update(
    principal: Principal,
    customerId: string,
    version: number,
    input: CustomerInput,
    requestId: string | null = null,
    token?: string,
  ): Promise<CustomerRecord> {
    parse.id('id', customerId);
    await this.checkAssignee(input, requestId, token);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findCustomers(em, [customerId]);
      if (!current) throw notFound('No such customer.');
      const next = applyCustomerInput(current, input);
      const dob = this.sealDob(principal.dealershipId, customerId, next.dateOfBirth);
      const saved = await updateCustomer(em, customerId, next, version, dob);
      if (!saved) {
        throw conflict(
          `The customer was changed by someone else (now version ${current.version}, you edited version ${version}). Reload and try again.`,
        );
      }
      await auditCustomer(em, customerId, 'update', current, saved);
      return saved;
    });
  }

  async addNote(principal: Principal, customerId: string, body: string): Promise<NoteRecord> {
    parse.id('customerId', customerId);
    const text = body.trim();
    if (!text || text.length > 10_000) throw badInput('body', 'Enter 1–10000 characters.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [c] = await findCustomers(em, [customerId]);
      if (!c) throw notFound('No such customer.');
      const note = await insertNote(em, principal.dealershipId, customerId, principal.userId, text);
      await auditCustomer(em, customerId, 'note.add', null, null, [
        { field: 'note', from: null, to: text },
      ]);
      return note;
    });
  }

  async logActivity(
    principal: Principal,
    customerId: string,
    input: { kind: ActivityKind; occurredAt?: Date | string | null; summary: string },
  ): Promise<ActivityRecord> {
    parse.id('customerId', customerId);
    const summary = input.summary.trim();
    if (!summary || summary.length > 10_000)
      throw badInput('input.summary', 'Enter 1–10000 characters.');
    const occurredAt = asDate(input.occurredAt) ?? new Date();
    if (occurredAt.getTime() > Date.now() + 5 * 60_000)
      throw badInput('input.occurredAt', 'An activity that happened cannot be in the future.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [c] = await findCustomers(em, [customerId]);
      if (!c) throw notFound('No such customer.');
      const activity = await insertActivity(em, principal.dealershipId, {
        customerId,
        kind: input.kind,
        occurredAt,
        summary,
        actorId: principal.userId,
      });
      await auditCustomer(em, customerId, 'activity.log', null, null, [
        { field: 'kind', from: null, to: input.kind },
        { field: 'summary', from: null, to: summary },
      ]);
      return activity;
    });
  }

  /** One transaction: fields merged, timeline, credit applications and leads moved, duplicate removed, its id redirected. */
  async merge(
    principal: Principal,
    survivorId: string,
    survivorVersion: number,
    duplicateId: string,
  ): Promise<CustomerRecord> {
    parse.id('survivorId', survivorId);
    parse.id('duplicateId', duplicateId);
    if (survivorId === duplicateId)
      throw badInput('duplicateId', 'A customer cannot be merged into itself.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const found = await findCustomers(em, [survivorId, duplicateId]);
      const survivor = found.find((c) => c.id === survivorId);
      const duplicate = found.find((c) => c.id === duplicateId);
      if (!survivor) throw notFound('No such customer (survivorId).');
      if (!duplicate) throw notFound('No such customer (duplicateId).');
      // The survivor keeps its date of birth; else it takes the duplicate's, re-sealed to its own row.
      let dob: SealedDob | undefined;
      if (survivor.birthYear == null && duplicate.birthYear != null) {
        const [stored] = await storedDobsOf(em, [duplicateId]);
        const clear = stored ? this.dob.open(principal.dealershipId, stored) : null;
        if (clear) dob = this.dob.seal(principal.dealershipId, survivorId, clear);
      }
      await moveTimeline(em, duplicateId, survivorId);
      await moveCreditAndLeads(em, duplicateId, survivorId);
      await recordMerge(em, principal.dealershipId, duplicateId, survivorId, principal.userId);
      await deleteCustomer(em, duplicateId);
      const saved = await updateCustomer(
        em,
        survivorId,
        mergeFields(survivor, duplicate),
        survivorVersion,
        dob,
      );
      if (!saved) {
        throw conflict(
          `The surviving customer was changed by someone else (now version ${survivor.version}, you merged into version ${survivorVersion}). Reload and try again.`,
        );
      }
      await auditCustomer(em, duplicateId, 'merge.into', duplicate, null, [
        { field: 'mergedInto', from: null, to: survivorId },
      ]);
      await auditCustomer(em, survivorId, 'merge', survivor, saved);
      return saved;
    });
  }
}

/**
 * A customer write in the platform audit trail. The date of birth is sealed (never in the record);
 * its derived year is recorded by name only.
 */
function auditCustomer(
  em: EntityManager,
  customerId: string,
  action: string,
  before: CustomerRecord | null,
  after: CustomerRecord | null,
  extra: { field: string; from: string | null; to: string | null }[] = [],
): Promise<void> {
  const view = (c: CustomerRecord | null) => (c ? (c as unknown as Record<string, unknown>) : null);
  return recordAudit(em, {
    source: 'customers',
    entityType: 'Customer',
    entityId: customerId,
    action,
    changes: [
      ...(before || after
        ? changesOf(view(before), view(after), {
            sealed: ['birthYear'],
            ignore: ['id', 'version', 'createdAt', 'updatedAt'],
          })
        : []),
      ...extra,
    ],
  });
}
