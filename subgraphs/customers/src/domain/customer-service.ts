// Reading and changing customers. The tenant always comes from the verified token; every query runs
// in a tenant transaction, so another dealership's ids find nothing.
import {
  badInput,
  conflict,
  isUuid,
  notFound,
  tenantOf,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import {
  countCustomers,
  deleteCustomer,
  findCustomers,
  findDuplicates,
  insertCustomer,
  listCustomers,
  resolveReferences,
  updateCustomer,
  type ListFilter,
  type StoredCustomer,
} from '../store/customers-store.ts';
import { moveCreditAndLeads } from '../store/credit-store.ts';
import {
  activitiesOf,
  insertActivity,
  insertNote,
  moveTimeline,
  notesOf,
  recordMerge,
  type ActivityKind,
  type ActivityRecord,
  type NoteRecord,
} from '../store/timeline-store.ts';
import type { AddressInput, AddressValidation, AddressValidator } from './address.ts';
import {
  applyCustomerInput,
  EMPTY_CUSTOMER,
  mergeFields,
  type CustomerInput,
  type CustomerRecord,
} from './customers.ts';
import { decodeCursor, encodeCursor, pageSize, planSearch } from './search.ts';

export interface CustomerPage {
  edges: { cursor: string; node: CustomerRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for (it is the expensive part of a page). */
  count: () => Promise<number>;
}

export interface ListArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  filter?: {
    assignedSalespersonId?: string | null;
    source?: string | null;
    createdFrom?: Date | string | null;
    createdTo?: Date | string | null;
  } | null;
}

export interface CreateResult {
  customer: CustomerRecord | null;
  duplicates: CustomerRecord[];
}

function id(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, 'Not a customer id.');
  return value;
}

const asDate = (v: Date | string | null | undefined) =>
  v == null ? null : v instanceof Date ? v : new Date(v);

export class CustomerService {
  constructor(
    private readonly db: Database,
    readonly addressValidator: AddressValidator,
  ) {}

  async get(principal: Principal, customerId: string): Promise<CustomerRecord | null> {
    if (!isUuid(customerId)) return null;
    const [c] = await this.db.withTenant(tenantOf(principal), (em) =>
      findCustomers(em, [customerId]),
    );
    return c ?? null;
  }

  /** For `_entities`: own ids and ids merged into a survivor, in one query. */
  references(principal: Principal, ids: readonly string[]): Promise<Map<string, StoredCustomer>> {
    return this.db.withTenant(tenantOf(principal), (em) => resolveReferences(em, ids));
  }

  async list(principal: Principal, args: ListArgs): Promise<CustomerPage> {
    const limit = pageSize(args.first);
    const f = args.filter ?? {};
    if (f.assignedSalespersonId != null && !isUuid(f.assignedSalespersonId))
      throw badInput('filter.assignedSalespersonId', 'Not a user id.');
    const filter: ListFilter = {
      assignedSalespersonId: f.assignedSalespersonId,
      source: f.source,
      createdFrom: asDate(f.createdFrom),
      createdTo: asDate(f.createdTo),
    };
    const search = args.search ? planSearch(args.search) : undefined;
    const tenant = tenantOf(principal);
    if (search) {
      const offset = args.after
        ? (decodeCursor(args.after, 'offset') as { offset: number }).offset
        : 0;
      const rows = await this.db.withTenant(tenant, (em) =>
        listCustomers(em, { filter, search, limit: limit + 1, offset }),
      );
      const page = rows.slice(0, limit);
      const edges = page.map((node, i) => ({
        cursor: encodeCursor({ kind: 'offset', offset: offset + i + 1 }),
        node,
      }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
        count: () => this.db.withTenant(tenant, (em) => countCustomers(em, filter, search)),
      };
    }
    const after = args.after ? decodeCursor(args.after, 'created') : undefined;
    const rows = await this.db.withTenant(tenant, (em) =>
      listCustomers(em, {
        filter,
        limit: limit + 1,
        after: after?.kind === 'created' ? { createdAt: after.createdAt, id: after.id } : undefined,
      }),
    );
    const page = rows.slice(0, limit);
    const edges = page.map((node) => ({
      cursor: encodeCursor({ kind: 'created', createdAt: node.createdKey, id: node.id }),
      node,
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
      count: () => this.db.withTenant(tenant, (em) => countCustomers(em, filter)),
    };
  }

  async possibleDuplicates(principal: Principal, input: CustomerInput): Promise<CustomerRecord[]> {
    const fields = applyCustomerInput(EMPTY_CUSTOMER, input);
    return this.db.withTenant(tenantOf(principal), (em) => findDuplicates(em, fields));
  }

  async create(
    principal: Principal,
    input: CustomerInput,
    confirmNotDuplicate: boolean,
  ): Promise<CreateResult> {
    const fields = applyCustomerInput(EMPTY_CUSTOMER, input);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      if (!confirmNotDuplicate) {
        const duplicates = await findDuplicates(em, fields);
        if (duplicates.length > 0) return { customer: null, duplicates };
      }
      const customer = await insertCustomer(em, principal.dealershipId, principal.userId, fields);
      return { customer, duplicates: [] };
    });
  }

  async update(
    principal: Principal,
    customerId: string,
    version: number,
    input: CustomerInput,
  ): Promise<CustomerRecord> {
    id('id', customerId);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findCustomers(em, [customerId]);
      if (!current) throw notFound('No such customer.');
      const next = applyCustomerInput(current, input);
      const saved = await updateCustomer(em, customerId, next, version);
      if (!saved) {
        throw conflict(
          `The customer was changed by someone else (now version ${current.version}, you edited version ${version}). Reload and try again.`,
        );
      }
      return saved;
    });
  }

  async addNote(principal: Principal, customerId: string, body: string): Promise<NoteRecord> {
    id('customerId', customerId);
    const text = body.trim();
    if (!text || text.length > 10_000) throw badInput('body', 'Enter 1–10000 characters.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [c] = await findCustomers(em, [customerId]);
      if (!c) throw notFound('No such customer.');
      return insertNote(em, principal.dealershipId, customerId, principal.userId, text);
    });
  }

  async logActivity(
    principal: Principal,
    customerId: string,
    input: { kind: ActivityKind; occurredAt?: Date | string | null; summary: string },
  ): Promise<ActivityRecord> {
    id('customerId', customerId);
    const summary = input.summary.trim();
    if (!summary || summary.length > 10_000)
      throw badInput('input.summary', 'Enter 1–10000 characters.');
    const occurredAt = asDate(input.occurredAt) ?? new Date();
    if (occurredAt.getTime() > Date.now() + 5 * 60_000)
      throw badInput('input.occurredAt', 'An activity that happened cannot be in the future.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [c] = await findCustomers(em, [customerId]);
      if (!c) throw notFound('No such customer.');
      return insertActivity(em, principal.dealershipId, {
        customerId,
        kind: input.kind,
        occurredAt,
        summary,
        actorId: principal.userId,
      });
    });
  }

  notes(principal: Principal, customerIds: readonly string[]): Promise<NoteRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => notesOf(em, customerIds));
  }

  activities(
    principal: Principal,
    customerIds: readonly string[],
    limit: number,
  ): Promise<ActivityRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => activitiesOf(em, customerIds, limit));
  }

  /** One transaction: fields merged, timeline, credit applications and leads moved, duplicate removed, its id redirected. */
  async merge(
    principal: Principal,
    survivorId: string,
    survivorVersion: number,
    duplicateId: string,
  ): Promise<CustomerRecord> {
    id('survivorId', survivorId);
    id('duplicateId', duplicateId);
    if (survivorId === duplicateId)
      throw badInput('duplicateId', 'A customer cannot be merged into itself.');
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const found = await findCustomers(em, [survivorId, duplicateId]);
      const survivor = found.find((c) => c.id === survivorId);
      const duplicate = found.find((c) => c.id === duplicateId);
      if (!survivor) throw notFound('No such customer (survivorId).');
      if (!duplicate) throw notFound('No such customer (duplicateId).');
      await moveTimeline(em, duplicateId, survivorId);
      await moveCreditAndLeads(em, duplicateId, survivorId);
      await recordMerge(em, principal.dealershipId, duplicateId, survivorId, principal.userId);
      await deleteCustomer(em, duplicateId);
      const saved = await updateCustomer(
        em,
        survivorId,
        mergeFields(survivor, duplicate),
        survivorVersion,
      );
      if (!saved) {
        throw conflict(
          `The surviving customer was changed by someone else (now version ${survivor.version}, you merged into version ${survivorVersion}). Reload and try again.`,
        );
      }
      return saved;
    });
  }

  validateAddress(input: AddressInput): Promise<AddressValidation> {
    return this.addressValidator.validate(input);
  }
}
