// Customer reads: by id (following merges), the list (search by relevance, else by creation), the
// duplicate check, the timeline, address validation.
import {
  badInput,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  isUuid,
  pageSize,
  tenantOf,
  type Connection,
  type Principal,
} from '@autolytiq/kit';
import {
  countCustomers,
  listCustomers,
  resolveReferences,
  type ListFilter,
  type StoredCustomer,
} from '../store/customers-store.ts';
import {
  activitiesOf,
  notesOf,
  type ActivityRecord,
  type NoteRecord,
} from '../store/timeline-store.ts';
import type { AddressInput, AddressValidation } from './address.ts';
import { asDate, CustomerServiceBase } from './customer-base.ts';
import {
  applyCustomerInput,
  EMPTY_CUSTOMER,
  type CustomerInput,
  type CustomerRecord,
} from './customers.ts';
import { duplicatesFor } from './duplicate-check.ts';
import { planSearch } from './search.ts';

export interface CustomerPage extends Connection<CustomerRecord> {
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

const SEARCH = 'customers:search';
const CREATED = 'customers:created';

export class CustomerQueries extends CustomerServiceBase {
  /**
   * A customer by id; an id merged away yields its survivor (deals, leads and links keep the old id,
   * and a salesperson following one must land on the customer, not on "does not exist").
   */
  async get(principal: Principal, customerId: string): Promise<CustomerRecord | null> {
    if (!isUuid(customerId)) return null;
    const found = await this.db.withTenant(tenantOf(principal), (em) =>
      resolveReferences(em, [customerId]),
    );
    return found.get(customerId) ?? null;
  }

  /** For `_entities`: own ids and ids merged into a survivor, in one query. */
  references(principal: Principal, ids: readonly string[]): Promise<Map<string, StoredCustomer>> {
    // One round trip per statement (kit db.read): the common case is one statement.
    return this.db.read(tenantOf(principal), (sql) => resolveReferences(sql, ids));
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
    // A search pages by offset (its order is relevance); the plain list by (created_at, id).
    if (search) {
      const [offset] = args.after ? decodeCursor(args.after, SEARCH, [cursorValue.int]) : [0];
      const rows = await this.db.withTenant(tenant, (em) =>
        listCustomers(em, { filter, search, limit: limit + 1, offset }),
      );
      return {
        ...connectionOf(rows, limit, (_, i) => encodeCursor(SEARCH, [offset + i + 1])),
        count: () => this.db.withTenant(tenant, (em) => countCustomers(em, filter, search)),
      };
    }
    const after = args.after
      ? decodeCursor(args.after, CREATED, [cursorValue.timestamp, cursorValue.uuid])
      : undefined;
    const rows = await this.db.withTenant(tenant, (em) =>
      listCustomers(em, {
        filter,
        limit: limit + 1,
        after: after && { createdAt: after[0], id: after[1] },
      }),
    );
    return {
      ...connectionOf(rows, limit, (node) => encodeCursor(CREATED, [node.createdKey, node.id])),
      count: () => this.db.withTenant(tenant, (em) => countCustomers(em, filter)),
    };
  }

  async possibleDuplicates(
    principal: Principal,
    input: CustomerInput,
    requestId: string | null = null,
  ): Promise<CustomerRecord[]> {
    const fields = applyCustomerInput(EMPTY_CUSTOMER, input);
    const tags = this.dob.tags(principal.dealershipId, fields.dateOfBirth);
    return this.db.withTenant(tenantOf(principal), (em) =>
      duplicatesFor(em, principal, fields, tags, requestId),
    );
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

  validateAddress(input: AddressInput): Promise<AddressValidation> {
    return this.addressValidator.validate(input);
  }
}
