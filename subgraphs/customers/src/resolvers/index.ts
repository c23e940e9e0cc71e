// Thin resolvers over CustomerService. References and per-customer lists are batched per request.
import DataLoader from 'dataloader';
import {
  DateTimeScalar,
  requirePrincipal,
  requestScoped,
  type RequestContext,
} from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { CustomerService } from '../domain/customer-service.ts';
import type { CustomerRecord } from '../domain/customers.ts';
import { displayName } from '../domain/customers.ts';
import { DateScalar } from '@autolytiq/kit';
import type { ActivityRecord, NoteRecord } from '../store/timeline-store.ts';

const REFS = Symbol('customerReferences');
const NOTES = Symbol('customerNotes');
const ACTIVITIES = Symbol('customerActivities');

function references(service: CustomerService, ctx: RequestContext) {
  const principal = requirePrincipal(ctx);
  return requestScoped(
    ctx,
    REFS,
    () =>
      new DataLoader<string, CustomerRecord | null>(async (ids) => {
        const found = await service.references(principal, ids);
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
}

function notes(service: CustomerService, ctx: RequestContext) {
  const principal = requirePrincipal(ctx);
  return requestScoped(
    ctx,
    NOTES,
    () =>
      new DataLoader<string, NoteRecord[]>(async (ids) => {
        const all = await service.notes(principal, ids);
        return ids.map((id) => all.filter((n) => n.customerId === id));
      }),
  );
}

function activities(service: CustomerService, ctx: RequestContext, limit: number) {
  const principal = requirePrincipal(ctx);
  const byLimit = requestScoped(
    ctx,
    ACTIVITIES,
    () => new Map<number, DataLoader<string, ActivityRecord[]>>(),
  );
  let loader = byLimit.get(limit);
  if (!loader) {
    loader = new DataLoader<string, ActivityRecord[]>(async (ids) => {
      const all = await service.activities(principal, ids, limit);
      return ids.map((id) => all.filter((a) => a.customerId === id));
    });
    byLimit.set(limit, loader);
  }
  return loader;
}

const userRef = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

export function createResolvers(service: CustomerService): Resolvers {
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      customer: (_p, { id }, ctx) => service.get(requirePrincipal(ctx), id),
      customers: (_p, args, ctx) => service.list(requirePrincipal(ctx), args),
      possibleDuplicates: (_p, { input }, ctx) =>
        service.possibleDuplicates(requirePrincipal(ctx), input),
      validateAddress: (_p, { input }, ctx) => {
        requirePrincipal(ctx);
        return service.validateAddress(input);
      },
    },
    Mutation: {
      createCustomer: (_p, { input, confirmNotDuplicate }, ctx) =>
        service.create(requirePrincipal(ctx), input, confirmNotDuplicate ?? false),
      updateCustomer: (_p, { id, version, input }, ctx) =>
        service.update(requirePrincipal(ctx), id, version, input),
      addCustomerNote: (_p, { customerId, body }, ctx) =>
        service.addNote(requirePrincipal(ctx), customerId, body),
      logCustomerActivity: (_p, { customerId, input }, ctx) =>
        service.logActivity(requirePrincipal(ctx), customerId, input),
      mergeCustomers: (_p, { survivorId, survivorVersion, duplicateId }, ctx) =>
        service.merge(requirePrincipal(ctx), survivorId, survivorVersion, duplicateId),
    },
    Customer: {
      __resolveReference: (ref, ctx) => references(service, ctx).load(ref.id),
      displayName: (c) => displayName(c),
      assignedSalesperson: (c) => userRef(c.assignedSalespersonId),
      notes: (c, _a, ctx) => notes(service, ctx).load(c.id),
      activities: (c, { first }, ctx) => {
        const n = Math.min(Math.max(first ?? 50, 1), 200);
        return activities(service, ctx, n).load(c.id);
      },
    },
    CustomerConnection: {
      totalCount: (page) => page.count(),
    },
    CustomerNote: {
      author: (n) => userRef(n.authorId),
    },
    CustomerActivity: {
      actor: (a) => userRef(a.actorId),
    },
  };
}
