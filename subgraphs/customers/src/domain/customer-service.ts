// Reading and changing customers. The tenant always comes from the verified token; every query runs
// in a tenant transaction, so another dealership's ids find nothing.
import { randomUUID } from 'node:crypto';
import {
  badInput,
  conflict,
  forbidden,
  isUuid,
  notFound,
  tenantOf,
  type Database,
  type Principal,
  parse,
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Connection,
} from '@autolytiq/kit';
import {
  clearDobBatch,
  countCustomers,
  dealershipsWithClearDob,
  deleteCustomer,
  findCustomers,
  insertCustomer,
  listCustomers,
  resolveReferences,
  sealedDobBatch,
  storedDobsOf,
  updateCustomer,
  writeSealedDob,
  type ListFilter,
  type SealedDob,
  type StoredCustomer,
} from '../store/customers-store.ts';
import { duplicatesFor } from './duplicate-check.ts';
import { insertReveal, moveCreditAndLeads, type PiiRevealRecord } from '../store/credit-store.ts';
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
import { CustomerDob } from './customer-pii.ts';
import { generatePiiKeyEntry, PiiCipher } from './pii-crypto.ts';
import { planSearch } from './search.ts';

export interface CustomerDobReveal {
  customerId: string;
  dateOfBirth: string;
  audit: PiiRevealRecord;
}

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

export interface CreateResult {
  customer: CustomerRecord | null;
  duplicates: CustomerRecord[];
}

const asDate = (v: Date | string | null | undefined) =>
  v == null ? null : v instanceof Date ? v : new Date(v);

const SEARCH = 'customers:search';
const CREATED = 'customers:created';

/** Throws BAD_USER_INPUT on `field` unless `userId` is an active user of the caller's dealership. */
export type PeopleCheck = (
  callerToken: string | undefined,
  requestId: string | null,
  field: string,
  userId: string,
) => Promise<void>;

export class CustomerService {
  private readonly dob: CustomerDob;

  /**
   * `cipher`: the CUSTOMERS_PII_KEYS key ring that seals dates of birth (app.ts always passes it).
   * Left out (benchmarks), a key made for this process is used: what it seals does not survive it.
   */
  constructor(
    private readonly db: Database,
    readonly addressValidator: AddressValidator,
    cipher: PiiCipher = PiiCipher.fromConfig(generatePiiKeyEntry('process')),
    /** Checks a user id the caller names (app.ts: auth's `team` through the router, as the caller). */
    private readonly people?: PeopleCheck,
  ) {
    this.dob = new CustomerDob(cipher);
  }

  /** The assigned salesperson must be an active user of the caller's dealership (issue 12). */
  private async checkAssignee(
    input: CustomerInput,
    requestId: string | null,
    token: string | undefined,
  ) {
    const id = input.assignedSalespersonId;
    if (typeof id === 'string' && isUuid(id) && this.people) {
      await this.people(token, requestId, 'input.assignedSalespersonId', id);
    }
  }

  private sealDob(
    dealershipId: string,
    customerId: string,
    dateOfBirth: string | null | undefined,
  ) {
    if (dateOfBirth === undefined) return undefined;
    return dateOfBirth === null ? null : this.dob.seal(dealershipId, customerId, dateOfBirth);
  }

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
      return insertNote(em, principal.dealershipId, customerId, principal.userId, text);
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
      return saved;
    });
  }

  validateAddress(input: AddressInput): Promise<AddressValidation> {
    return this.addressValidator.validate(input);
  }

  /**
   * The customer record's date of birth in clear, with its audit record written in the same
   * transaction (no record, nothing returned). Needs customers.pii.read (schema and here).
   */
  async revealDateOfBirth(
    principal: Principal,
    customerId: string,
    requestId: string | null,
  ): Promise<CustomerDobReveal> {
    if (!principal.permissions.includes('customers.pii.read'))
      throw forbidden('This requires permission customers.pii.read.', {
        requiredPermissions: ['customers.pii.read'],
      });
    parse.id('customerId', customerId);
    const { dealershipId } = principal;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [customer] = await findCustomers(em, [customerId]);
      if (!customer) throw notFound('No such customer.');
      const [stored] = await storedDobsOf(em, [customerId]);
      const dateOfBirth = stored ? this.dob.open(dealershipId, stored) : null;
      if (!dateOfBirth)
        throw badInput('customerId', 'No date of birth is on file for this customer.');
      const audit = await insertReveal(em, dealershipId, {
        customerId,
        applicationId: null,
        revealedBy: principal.userId,
        revealedByUsername: principal.username,
        fields: ['CUSTOMER_DATE_OF_BIRTH'],
        requestId,
      });
      return { customerId, dateOfBirth, audit };
    });
  }

  /**
   * Seals every date of birth still stored in clear (rows from before migration 0003), dealership by
   * dealership, `batchSize` rows per transaction; rows another process is sealing are skipped.
   * Idempotent: returns how many it sealed (0 once done). Run in the background at start-up.
   */
  async sealClearDatesOfBirth(batchSize = 200): Promise<number> {
    const dealerships = await this.db.asSystem((em) => dealershipsWithClearDob(em));
    let count = 0;
    for (const dealershipId of dealerships) {
      for (;;) {
        const n = await this.db.withTenant({ dealershipId }, async (em) => {
          const rows = await clearDobBatch(em, batchSize);
          for (const r of rows)
            await writeSealedDob(em, r.id, this.dob.seal(dealershipId, r.id, r.clear!));
          return rows.length;
        });
        count += n;
        if (n < batchSize) break;
      }
    }
    return count;
  }

  /**
   * Key rotation for the customer records of one dealership: re-seals every date of birth (and
   * recomputes its match tag) not under the current key, in batches. Returns how many.
   */
  async rotateKeys(dealershipId: string, batchSize = 500): Promise<number> {
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const rows = await this.db.withTenant({ dealershipId }, async (em) => {
        const batch = await sealedDobBatch(em, batchSize, after);
        for (const r of batch) {
          if (!this.dob.isStale(r)) continue;
          await writeSealedDob(
            em,
            r.id,
            this.dob.seal(dealershipId, r.id, this.dob.open(dealershipId, r)!),
          );
          count++;
        }
        return batch;
      });
      if (rows.length < batchSize) return count;
      after = rows.at(-1)!.id;
    }
  }
}
