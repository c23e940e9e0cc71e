// Thin resolvers over the customer, credit-application and lead-import services. References and
// per-customer lists are batched per request (DataLoader).
import {
  groupBy,
  listLoader,
  pageSize,
  requirePrincipal,
  type RequestContext,
  valueLoader,
} from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { CreditService } from '../domain/credit-service.ts';
import type { CustomerService } from '../domain/customer-service.ts';
import type { LeadImportService } from '../domain/lead-import.ts';
import { maskBirthDate, maskSsn } from '../domain/credit-application.ts';
import { displayName } from '../domain/customers.ts';

export interface Services {
  customers: CustomerService;
  credit: CreditService;
  leads: LeadImportService;
}

const references = (service: CustomerService, ctx: RequestContext) =>
  valueLoader(ctx, 'customers', (ids, p) => service.references(p, ids), null);

const creditApplications = (service: CreditService, ctx: RequestContext) =>
  listLoader(ctx, 'creditApplications', async (ids, p) =>
    groupBy(await service.ofCustomers(p, ids), (a) => a.customerId),
  );

const creditChanges = (service: CreditService, ctx: RequestContext) =>
  listLoader(ctx, 'creditApplicationChanges', async (ids, p) =>
    groupBy(await service.changes(p, ids), (c) => c.applicationId),
  );

const notes = (service: CustomerService, ctx: RequestContext) =>
  listLoader(ctx, 'customerNotes', async (ids, p) =>
    groupBy(await service.notes(p, ids), (n) => n.customerId),
  );

const activities = (service: CustomerService, ctx: RequestContext, limit: number) =>
  listLoader(ctx, `customerActivities:${limit}`, async (ids, p) =>
    groupBy(await service.activities(p, ids, limit), (a) => a.customerId),
  );

const userRef = (id: string | null) => (id ? { __typename: 'User' as const, id } : null);

export function createResolvers({ customers: service, credit, leads }: Services): Resolvers {
  return {
    Query: {
      customer: (_p, { id }, ctx) => service.get(requirePrincipal(ctx), id),
      customers: (_p, args, ctx) => service.list(requirePrincipal(ctx), args),
      possibleDuplicates: (_p, { input }, ctx) =>
        service.possibleDuplicates(requirePrincipal(ctx), input, ctx.requestId),
      validateAddress: (_p, { input }, ctx) => {
        requirePrincipal(ctx);
        return service.validateAddress(input);
      },
      creditApplication: (_p, { id }, ctx) => credit.get(requirePrincipal(ctx), id),
      piiRevealLog: (_p, { customerId, applicationId, first }, ctx) =>
        credit.reveals(requirePrincipal(ctx), { customerId, applicationId }, first),
    },
    Mutation: {
      createCustomer: (_p, { input, confirmNotDuplicate }, ctx) =>
        service.create(
          requirePrincipal(ctx),
          input,
          confirmNotDuplicate ?? false,
          ctx.requestId,
          ctx.token,
        ),
      updateCustomer: (_p, { id, version, input }, ctx) =>
        service.update(requirePrincipal(ctx), id, version, input, ctx.requestId, ctx.token),
      addCustomerNote: (_p, { customerId, body }, ctx) =>
        service.addNote(requirePrincipal(ctx), customerId, body),
      logCustomerActivity: (_p, { customerId, input }, ctx) =>
        service.logActivity(requirePrincipal(ctx), customerId, input),
      mergeCustomers: (_p, { survivorId, survivorVersion, duplicateId }, ctx) =>
        service.merge(requirePrincipal(ctx), survivorId, survivorVersion, duplicateId),
      createCreditApplication: (_p, { customerId, input }, ctx) =>
        credit.create(requirePrincipal(ctx), customerId, input),
      updateCreditApplication: (_p, { id, version, input }, ctx) =>
        credit.update(requirePrincipal(ctx), id, version, input, ctx.requestId),
      revealCustomerDateOfBirth: (_p, { customerId }, ctx) =>
        service.revealDateOfBirth(requirePrincipal(ctx), customerId, ctx.requestId),
      revealCreditApplicationPii: (_p, { applicationId, fields }, ctx) =>
        credit.reveal(requirePrincipal(ctx), applicationId, fields, ctx.requestId),
      importAdfLead: (_p, { xml }, ctx) => leads.importAdf(requirePrincipal(ctx), xml),
      reencryptCreditApplicationPii: async (_p, _a, ctx) => {
        const { dealershipId } = requirePrincipal(ctx);
        return (await credit.rotateKeys(dealershipId)) + (await service.rotateKeys(dealershipId));
      },
    },
    Customer: {
      __resolveReference: (ref, ctx) => references(service, ctx).load(ref.id),
      displayName: (c) => displayName(c),
      dateOfBirth: (c) => (c.birthYear == null ? null : maskBirthDate(c.birthYear)),
      assignedSalesperson: (c) => userRef(c.assignedSalespersonId),
      notes: (c, _a, ctx) => notes(service, ctx).load(c.id),
      activities: (c, { first }, ctx) =>
        activities(service, ctx, pageSize(first, { default: 50 })).load(c.id),
      creditApplications: (c, _a, ctx) => creditApplications(credit, ctx).load(c.id),
    },
    CreditApplication: {
      customer: (a, _args, ctx) =>
        references(service, ctx)
          .load(a.customerId)
          .then((c) => {
            if (!c) throw new Error(`credit application ${a.id} has no customer`);
            return c;
          }),
      createdBy: (a) => userRef(a.createdBy),
      changes: (a, _args, ctx) => creditChanges(credit, ctx).load(a.id),
    },
    CreditApplicationChange: {
      changedBy: (c) => ({ __typename: 'User' as const, id: c.changedBy }),
    },
    CreditApplicant: {
      ssn: (a) => maskSsn(a.ssnLast4),
      dateOfBirth: (a) => maskBirthDate(a.birthYear),
    },
    PiiRevealAudit: {
      revealedBy: (r) => ({ __typename: 'User' as const, id: r.revealedBy }),
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
