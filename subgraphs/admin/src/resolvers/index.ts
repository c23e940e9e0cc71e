// Thin resolvers over DealershipService.
import DataLoader from 'dataloader';
import { requestScoped, requirePrincipal, type RequestContext } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { DealershipService } from '../domain/dealership-service.ts';
import type { DealershipRecord } from '../domain/dealerships.ts';

const LOADER = Symbol('dealershipLoader');

function loader(service: DealershipService, ctx: RequestContext) {
  const principal = requirePrincipal(ctx);
  return requestScoped(
    ctx,
    LOADER,
    () =>
      new DataLoader<string, DealershipRecord | null>(async (ids) => {
        const found = new Map((await service.byIds(principal, ids)).map((d) => [d.id, d]));
        return ids.map((id) => found.get(id) ?? null);
      }),
  );
}

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
      __resolveReference: (ref, ctx) => loader(service, ctx).load(ref.id),
    },
  };
}
