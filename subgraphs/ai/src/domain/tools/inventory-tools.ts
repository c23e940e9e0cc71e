// Inventory tools: search, budget comparison and aged stock — all `vehicles` through the router.
import { z } from 'zod';
import { defineTool, type ToolContext } from './types.ts';

const VEHICLE_FIELDS = `id stockNumber vin year make model trim body mileage condition status
  listPrice msrp daysInStock exteriorColor`;

interface VehicleNode {
  id: string;
  stockNumber: string;
  year: number;
  make: string;
  model: string;
  trim: string | null;
  listPrice: string | null;
  daysInStock: number;
}

const money = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'a dollar amount like 25000 or 25000.00');

async function vehicles(
  ctx: ToolContext,
  filter: Record<string, unknown>,
  sort: string,
  first: number,
): Promise<VehicleNode[]> {
  const data = await ctx.graph.request<{ vehicles: { edges: { node: VehicleNode }[] } }>(
    ctx.caller,
    `query AssistantVehicles($filter: VehicleFilter, $sort: VehicleSort, $first: Int) {
      vehicles(filter: $filter, sort: $sort, first: $first) { edges { node { ${VEHICLE_FIELDS} } } }
    }`,
    { filter, sort, first },
  );
  return data.vehicles.edges.map((e) => e.node);
}

const label = (v: VehicleNode) =>
  `${v.year} ${v.make} ${v.model}${v.trim ? ` ${v.trim}` : ''} (stock ${v.stockNumber})`;

function listed(found: VehicleNode[], what: string) {
  return {
    summary:
      found.length === 0
        ? `No ${what}.`
        : `${found.length} ${what}: ${found
            .slice(0, 3)
            .map(label)
            .join('; ')}${found.length > 3 ? '…' : ''}`,
    data: { vehicles: found },
    link: found.length === 1 ? `/inventory/${found[0]!.id}` : null,
  };
}

export const searchInventory = defineTool({
  name: 'search_inventory',
  description:
    'Search the dealership inventory of vehicles for sale. Words (make, model, trim, body, color, stock number, VIN) go in text; optional price and year bounds. Returns at most 10 vehicles.',
  args: z.object({
    text: z
      .string()
      .max(200)
      .optional()
      .describe('words to match, e.g. "civic sedan" or "red f150"'),
    make: z.string().max(40).optional(),
    model: z.string().max(40).optional(),
    yearMin: z.number().int().min(1900).max(2100).optional(),
    yearMax: z.number().int().min(1900).max(2100).optional(),
    priceMin: money.optional(),
    priceMax: money.optional(),
    condition: z.enum(['NEW', 'USED', 'CPO']).optional(),
    includeUnavailable: z
      .boolean()
      .optional()
      .describe('also vehicles on hold, sold or in transit'),
  }),
  async run(ctx, args) {
    const found = await vehicles(
      ctx,
      {
        text: args.text,
        make: args.make,
        model: args.model,
        yearMin: args.yearMin,
        yearMax: args.yearMax,
        priceMin: args.priceMin,
        priceMax: args.priceMax,
        condition: args.condition ? [args.condition] : undefined,
        status: args.includeUnavailable ? undefined : ['AVAILABLE'],
      },
      'PRICE_ASC',
      10,
    );
    return listed(found, 'vehicles found');
  },
});

export const compareVehiclesForBudget = defineTool({
  name: 'compare_vehicles_for_budget',
  description:
    'The available vehicles priced at or under a budget, most expensive first (the best the customer can get for the money), optionally matching words.',
  args: z.object({
    budget: money.describe('the most the customer wants to spend, in dollars'),
    text: z.string().max(200).optional(),
  }),
  async run(ctx, args) {
    const found = await vehicles(
      ctx,
      { priceMax: args.budget, text: args.text, status: ['AVAILABLE'] },
      'PRICE_DESC',
      5,
    );
    return listed(found, `vehicles at or under $${args.budget}`);
  },
});

export const agedInventory = defineTool({
  name: 'aged_inventory',
  description:
    'Vehicles that have been in stock at least minDays days (default 60), oldest first: what to move.',
  args: z.object({ minDays: z.number().int().min(0).max(3650).optional() }),
  async run(ctx, args) {
    const minDays = args.minDays ?? 60;
    const found = await vehicles(
      ctx,
      { daysInStockMin: minDays, status: ['AVAILABLE'] },
      'DAYS_IN_STOCK_DESC',
      10,
    );
    return listed(found, `vehicles in stock ${minDays}+ days`);
  },
});
