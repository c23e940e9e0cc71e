// Thin resolvers over DealershipService.
import { entityLoader, requirePrincipal, type RequestContext } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { DealershipService } from '../domain/dealership-service.ts';

const dealerships = (service: DealershipService, ctx: RequestContext) =>
  entityLoader(ctx, 'dealerships', (ids, principal) => service.byIds(principal, ids));

export function createResolvers(service: DealershipService): Resolvers {
  return {
    Query: {
      myDealership: (_p, _a, ctx) => service.mine(requirePrincipal(ctx)),
    },
    Mutation: {
      updateDealership: (_p, { input }, ctx) => {
        const { version, ...patch } = input;
        return service.update(requirePrincipal(ctx), version, patch);
      },
    },
    Dealership: {
      __resolveReference: (ref, ctx) => dealerships(service, ctx).load(ref.id),
    },
  };
}
