// Pins the undocumented behaviour the router's subscriptions rely on (@apollo/query-planner and
// @apollo/gateway 2.14.4): a subscription plans as { primary: Fetch to the owning subgraph, rest },
// and executeQueryPlan runs `rest` over an event fed in through a stand-in fetch.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { GraphQLDataSource } from '@apollo/gateway';
import { createSubscriptionPlanner } from '../src/subscriptions/planner.ts';
import type { RouterContext } from '../src/request-context.ts';
import { composeFile } from './subscriptions-support.ts';

describe('subscription planning (pinned @apollo 2.14.4 behaviour)', () => {
  it('plans the primary fetch on the owner and resolves the rest through _entities', async () => {
    const seen: Array<{ query: string; variables: unknown; user?: string }> = [];
    const people: GraphQLDataSource<RouterContext> = {
      process: async ({ request, context }) => {
        seen.push({
          query: request.query ?? '',
          variables: request.variables,
          user: context.principal?.username,
        });
        const reps = (request.variables as { representations: Array<{ id: string }> })
          .representations;
        return { data: { _entities: reps.map((r) => ({ name: `Name of ${r.id}` })) } };
      },
    };
    const planner = createSubscriptionPlanner(composeFile().sdl, { people } as never);
    const document = parse(
      'subscription S($id: ID) { thingEvents(thingId: $id) { n owner { name } } }',
    );
    const plan = planner.plan(document, 'S');
    expect(plan.subgraph).toBe('things');
    expect(plan.variableUsages).toEqual(['id']);
    expect(plan.query).toMatch(
      /^subscription S__things__0\(\$id:ID\)\{thingEvents\(thingId:\$id\)/,
    );
    const context = {
      principal: { username: 'maria' },
      requestId: 'r',
      clientIp: '::1',
      report: {},
    } as unknown as RouterContext;
    const result = await plan.resolve(
      { thingEvents: { n: 7, owner: { __typename: 'Person', id: 'p7' } } },
      { id: 't1' },
      context,
    );
    expect(result).toEqual({ data: { thingEvents: { n: 7, owner: { name: 'Name of p7' } } } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.query).toMatch(/_entities\(representations:\$representations\)/);
    expect(seen[0]!.variables).toEqual({ representations: [{ __typename: 'Person', id: 'p7' }] });
    expect(seen[0]!.user).toBe('maria');
  });

  it('refuses to plan a query as a subscription', () => {
    const planner = createSubscriptionPlanner(composeFile().sdl, {});
    expect(() => planner.plan(parse('{ thingCount }'), undefined)).toThrow(/not a subscription/);
  });
});
