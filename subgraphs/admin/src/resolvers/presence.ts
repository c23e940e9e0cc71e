// Team presence (domain/presence.ts): setPresence, the teamPresence subscription and teamOnline.
import { badInput, requirePrincipal, type RequestContext } from '@autolytiq/kit';
import { PresenceInputError, type PresenceHub } from '../domain/presence.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';

export function presenceResolvers(hub: PresenceHub) {
  return {
    Query: {
      teamOnline: (_p, _a, ctx) => hub.online(requirePrincipal(ctx)),
    },
    Mutation: {
      setPresence: async (_p, { input }, ctx) => {
        try {
          return await hub.set(requirePrincipal(ctx), input);
        } catch (error) {
          if (error instanceof PresenceInputError) throw badInput(error.field, error.message);
          throw error;
        }
      },
    },
    Subscription: {
      teamPresence: {
        subscribe: (_p: unknown, _a: unknown, ctx: RequestContext) =>
          hub.subscribe(requirePrincipal(ctx)) as never,
        resolve: (change: unknown) => change as never,
      },
    },
    Presence: {
      user: (p) => ({ __typename: 'User', id: p.userId }) as never,
    },
  } satisfies Resolvers;
}
