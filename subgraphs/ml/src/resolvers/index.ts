// Thin resolvers over the ml services. Every read also makes sure ml follows the caller's
// dealership (its deals are read in the background from then on).
import { requirePrincipal, valueLoader, type RequestContext } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Learner } from '../domain/learner.ts';
import type { ModelService } from '../domain/model-service.ts';
import type { PrimeService } from '../domain/prime-service.ts';
import type { SegmentService } from '../domain/segment-service.ts';
import type { TeamService } from '../domain/team-service.ts';

export interface MlServices {
  models: ModelService;
  segments: SegmentService;
  prime: PrimeService;
  learner: Learner;
  team: TeamService;
}

const user = (id: string) => ({ __typename: 'User', id }) as never;

export function createResolvers(s: MlServices): Resolvers {
  const caller = (ctx: RequestContext) => {
    const p = requirePrincipal(ctx);
    void s.learner.touch(p.dealershipId).catch(() => {});
    return p;
  };
  const segmentLoader = (ctx: RequestContext) =>
    valueLoader(
      ctx,
      'customerSegments',
      async (ids, p) =>
        new Map((await s.segments.segmentsOfCustomers(p, ids)).map((v) => [v.customerId, v])),
      null,
    );
  const recommendationLoader = (ctx: RequestContext) =>
    valueLoader(ctx, 'recommendations', (ids, p) => s.prime.recommend(p, ids), null);
  return {
    Query: {
      mlModels: (_p, _a, ctx) => s.models.models(caller(ctx)),
      mlSegments: (_p, _a, ctx) => s.segments.report(caller(ctx)),
      mlOutlierDeals: (_p, { first, after }, ctx) =>
        s.segments.outlierDeals(caller(ctx), first, after) as never,
      primePerformance: (_p, _a, ctx) => s.prime.performance(caller(ctx)),
      mlJob: (_p, { id }, ctx) => s.models.job(caller(ctx), id),
      teamStatus: (_p, _a, ctx) => s.team.status(caller(ctx)),
      assignLead: (_p, { customerId }, ctx) => s.team.assignLead(caller(ctx), customerId),
    },
    Subscription: {
      teamStatus: {
        subscribe: (_p, _a, ctx) => s.team.subscribe(caller(ctx)) as never,
        // Each change is recomputed as the subscriber (their tenant).
        resolve: (_event: unknown, _a: unknown, ctx: RequestContext) =>
          s.team.status(requirePrincipal(ctx)) as never,
      },
    },
    Mutation: {
      retrainSegments: async (_p, _a, ctx) => {
        const p = caller(ctx);
        return s.segments.retrain(p.dealershipId, p.userId);
      },
      resetMlModels: (_p, { engines }, ctx) => s.models.reset(caller(ctx), engines),
    },
    Customer: {
      __resolveReference: (ref) => ({ id: ref.id }) as never,
      segment: (customer, _a, ctx) => {
        caller(ctx);
        return segmentLoader(ctx).load(customer.id);
      },
    },
    CustomerSegment: {
      basedOnDeal: (v) => ({ __typename: 'Deal', id: v.dealId }) as never,
    },
    Deal: {
      __resolveReference: (ref) => ({ id: ref.id }) as never,
      recommendedStrategy: (deal, _a, ctx) => {
        caller(ctx);
        return recommendationLoader(ctx).load(deal.id);
      },
    },
    MlOutlierDeal: {
      deal: (v) => ({ __typename: 'Deal', id: v.dealId }) as never,
    },
    MlSegment: {
      id: (v) => v.id,
    },
    TeamMemberStatus: { user: (m) => user(m.userId) },
    TeamBottleneck: { user: (b) => user(b.userId) },
    MentoringPair: { mentor: (m) => user(m.mentorId), mentee: (m) => user(m.menteeId) },
    LeadAssignment: {
      salesperson: (a) => (a.userId ? user(a.userId) : null),
      alternatives: (a) => a.alternatives.map(user),
    },
  };
}
