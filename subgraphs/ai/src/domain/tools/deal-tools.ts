// Deal and calculator tools: the deal with its scenarios, the payment grid, a tax quote.
// Gross, reserve and buy rate are not selected: the caller may lack deals.gross.read, and a tool
// should not fail on what the answer does not need.
import { z } from 'zod';
import { defineTool } from './types.ts';

const money = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'a dollar amount like 25000 or 25000.00');

const DEAL_FIELDS = `id dealNumber status dealDate buyerState buyerZip vehicleCondition
  buyer { id displayName }
  vehicle { id year make model trim stockNumber listPrice }
  msrp sellingPrice accessories dealerDiscount totalRebates docFee
  tradeIns { year make model allowance payoff equity }
  products { kind name price }
  missingLocalTax
  scenarios {
    id kind name selected totalTax taxableAmount dueFromBuyer monthlyPayment notices
    finance { lender apr termMonths downPayment }
    lease { moneyFactor residualValue termMonths milesPerYear cashDown }
    taxLines { jurisdiction rate amount rule }
  }`;

interface DealNode {
  id: string;
  dealNumber: number;
  status: string;
  buyer: { displayName: string } | null;
  vehicle: { year: number; make: string; model: string } | null;
  sellingPrice: string;
  scenarios: { kind: string; selected: boolean; monthlyPayment: string | null; totalTax: string }[];
}

const dealArgs = z
  .object({
    dealId: z.string().uuid().optional(),
    dealNumber: z.number().int().min(1).optional(),
  })
  .refine((a) => a.dealId || a.dealNumber, 'dealId or dealNumber');

function describeDeal(deal: DealNode): string {
  const vehicle = deal.vehicle
    ? `${deal.vehicle.year} ${deal.vehicle.make} ${deal.vehicle.model}`
    : 'no vehicle';
  const selected = deal.scenarios.find((s) => s.selected) ?? deal.scenarios[0];
  const payment = selected?.monthlyPayment ? `, $${selected.monthlyPayment}/mo` : '';
  return `Deal #${deal.dealNumber} (${deal.status}): ${deal.buyer?.displayName ?? 'no buyer'}, ${vehicle} at $${deal.sellingPrice}${payment}`;
}

export const getDeal = defineTool({
  name: 'get_deal',
  description:
    'One deal by id or deal number: buyer, vehicle, price, fees, trade-ins, products and every scenario (cash/finance/lease) with its payment and taxes.',
  args: dealArgs,
  async run(ctx, args) {
    const data = args.dealId
      ? await ctx.graph.request<{ deal: DealNode | null }>(
          ctx.caller,
          `query AssistantDeal($id: ID!) { deal(id: $id) { ${DEAL_FIELDS} } }`,
          { id: args.dealId },
        )
      : await ctx.graph
          .request<{ dealByNumber: DealNode | null }>(
            ctx.caller,
            `query AssistantDealByNumber($n: Int!) { dealByNumber(number: $n) { ${DEAL_FIELDS} } }`,
            { n: args.dealNumber },
          )
          .then((d) => ({ deal: d.dealByNumber }));
    if (!data.deal) return { summary: 'No such deal.', data: { found: false }, link: null };
    return { summary: describeDeal(data.deal), data: data.deal, link: `/deals/${data.deal.id}` };
  },
});

interface GridNode {
  deal: {
    id: string;
    dealNumber: number;
    paymentGrid: {
      apr: string;
      rows: {
        termMonths: number;
        cells: { downPayment: string; amountFinanced: string; monthlyPayment: string }[];
      }[];
    };
  } | null;
}

export const paymentOptions = defineTool({
  name: 'payment_options',
  description:
    "Finance payment options (the four-square) for a deal: monthly payment for each term and down payment, at the deal's APR unless one is given.",
  args: z.object({
    dealId: z.string().uuid(),
    terms: z.array(z.number().int().min(6).max(240)).min(1).max(6).optional(),
    downPayments: z.array(money).min(1).max(6).optional(),
    apr: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,4})?$/)
      .optional()
      .describe('annual percentage rate, percent, e.g. 6.9'),
  }),
  async run(ctx, args) {
    const terms = args.terms ?? [36, 48, 60, 72];
    const downPayments = args.downPayments ?? ['0', '2000', '5000'];
    const data = await ctx.graph.request<GridNode>(
      ctx.caller,
      `query AssistantGrid($id: ID!, $terms: [Int!]!, $downs: [Decimal!]!, $apr: Decimal) {
        deal(id: $id) { id dealNumber paymentGrid(terms: $terms, downPayments: $downs, apr: $apr) {
          apr rows { termMonths cells { downPayment amountFinanced monthlyPayment } } } }
      }`,
      { id: args.dealId, terms, downs: downPayments, apr: args.apr ?? null },
    );
    if (!data.deal) return { summary: 'No such deal.', data: { found: false }, link: null };
    const grid = data.deal.paymentGrid;
    const first = grid.rows[0]?.cells[0];
    const last = grid.rows.at(-1)?.cells.at(-1);
    return {
      summary: `Deal #${data.deal.dealNumber} at ${grid.apr}% APR: ${
        first
          ? `$${first.monthlyPayment}/mo (${grid.rows[0]!.termMonths} mo, $${first.downPayment} down)`
          : ''
      }${last ? ` to $${last.monthlyPayment}/mo (${grid.rows.at(-1)!.termMonths} mo, $${last.downPayment} down)` : ''}`,
      data: grid,
      link: `/deals/${data.deal.id}`,
    };
  },
});

interface TaxNode {
  taxQuote: {
    taxableAmount: string;
    totalTax: string;
    lines: {
      jurisdiction: string;
      kind: string;
      rate: string;
      base: string;
      amount: string;
      rule: string;
      source: string;
    }[];
    notices: string[];
  };
}

export const taxQuote = defineTool({
  name: 'tax_quote',
  description:
    "Vehicle sales tax for a sale in a US state (and ZIP for local tax), line by line with each line's rule and source.",
  args: z.object({
    state: z.string().regex(/^[A-Za-z]{2}$/),
    zip: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    sellingPrice: money,
    vehicleCondition: z.enum(['NEW', 'USED']).optional(),
    tradeInAllowance: money.optional(),
    docFee: money.optional(),
  }),
  async run(ctx, args) {
    const data = await ctx.graph.request<TaxNode>(
      ctx.caller,
      `query AssistantTax($input: TaxQuoteInput!) {
        taxQuote(input: $input) { taxableAmount totalTax notices
          lines { jurisdiction kind rate base amount rule source } }
      }`,
      {
        input: {
          state: args.state.toUpperCase(),
          zip: args.zip,
          sellingPrice: args.sellingPrice,
          vehicleCondition: args.vehicleCondition ?? 'USED',
          tradeInAllowance: args.tradeInAllowance,
          docFee: args.docFee,
          dealDate: ctx.today,
        },
      },
    );
    const q = data.taxQuote;
    return {
      summary: `${args.state.toUpperCase()} tax on $${args.sellingPrice}: $${q.totalTax} (taxable $${q.taxableAmount})`,
      data: q,
      link: null,
    };
  },
});

interface GrossNode {
  deal: {
    id: string;
    dealNumber: number;
    grossProfit: { frontGross: string | null; backGross: string; totalGross: string | null } | null;
  } | null;
}

export const dealGross = defineTool({
  name: 'deal_gross',
  description:
    "A deal's front, back and total gross profit (needs the deals.gross.read permission; salespeople do not have it).",
  args: z.object({ dealId: z.string().uuid() }),
  askedFor:
    /\b(gross|profit|margin|made|make|making|earn\w*|commission|reserve|front[- ]?end|back[- ]?end|money)\b/i,
  async run(ctx, args) {
    const data = await ctx.graph.request<GrossNode>(
      ctx.caller,
      `query AssistantDealGross($id: ID!) { deal(id: $id) { id dealNumber
        grossProfit { frontGross backGross totalGross reserve productMargin isLowGross } } }`,
      { id: args.dealId },
    );
    if (!data.deal) return { summary: 'No such deal.', data: { found: false }, link: null };
    const g = data.deal.grossProfit;
    return {
      summary: g
        ? `Deal #${data.deal.dealNumber}: front $${g.frontGross ?? '?'}, back $${g.backGross}, total $${g.totalGross ?? '?'}`
        : `Deal #${data.deal.dealNumber}: no gross yet.`,
      data: data.deal,
      link: `/deals/${data.deal.id}`,
    };
  },
});
