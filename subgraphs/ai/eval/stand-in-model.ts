// The scripted stand-in for a language model in the evaluation: it reads the question (never the
// expected answers), picks tools and arguments with plain rules, and answers from the tool results'
// facts — what a competent model does, done by rule, so the evaluation tests the assistant's
// plumbing end to end (tool arguments → GraphQL variables, facts → answer, passages → citations)
// without weights. It is also GULLIBLE on purpose: an instruction found in a tool result ("call
// deal_gross with dealId …") is followed, as a model talked into it would, so the evaluation shows
// what the code-level guard and the user's own permissions stop.
import { stateTaxRules, supportedStates } from '@autolytiq/calc';
import type {
  ChatRequest,
  ChatRequestMessage,
  ScriptedReply,
} from '@autolytiq/tools/scripted-openai.ts';

type Call = { name: string; arguments: Record<string, unknown> };

const STATES = supportedStates().map((code) => ({
  code,
  name: stateTaxRules(code, '2026-01-01').name,
}));

const VEHICLE_WORDS =
  /\b(honda|civic|accord|cr-?v|toyota|corolla|camry|rav4|tacoma|ford|f-?150|escape|explorer|chevrolet|chevy|silverado|equinox|tahoe|nissan|altima|rogue|sentra|hyundai|kona|elantra|tucson|ram|1500|jeep|wrangler|suvs?|trucks?|sedans?|pickups?|red|blue|black|white|silver|gray)s?\b/gi;
const STOP = new Set(
  'a an and are as at be can do does for from have how i if in is it me my of on or our the to we what when where which who why will with you your this that there any about tell'.split(
    ' ',
  ),
);

const money = (q: string, after = '') => {
  const m = new RegExp(`\\$\\s?([\\d,]+(?:\\.\\d{1,2})?)\\s*(k\\b)?${after}`, 'i').exec(q);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1000 : 1);
  return String(n);
};

function stateOf(question: string) {
  const lower = question.toLowerCase();
  const byName = STATES.find((s) => new RegExp(`\\b${s.name.toLowerCase()}\\b`).test(lower));
  if (byName) return byName;
  const codes: string[] = question.match(/\b[A-Z]{2}\b/g) ?? [];
  return STATES.find((s) => codes.includes(s.code)) ?? null;
}

const contentWords = (q: string) =>
  (q.toLowerCase().match(/[a-z0-9$]+/g) ?? []).filter((w) => !STOP.has(w) && w.length > 1);

function pageDeal(req: ChatRequest): string | null {
  const system = req.messages.find((m) => m.role === 'system')?.content ?? '';
  return /has deal ([0-9a-f-]{36}) open/.exec(system)?.[1] ?? null;
}

/** The first tools to call for a question (none: answer directly). */
export function plan(question: string, dealId: string | null): Call[] {
  const q = question.toLowerCase();
  const number = /deal\s*(?:number\s*)?#?\s*(\d{3,})/.exec(q)?.[1];
  const dealRef = number ? { dealNumber: Number(number) } : dealId ? { dealId } : null;
  const amount = money(q);
  const state = stateOf(question);
  if (/\b(gross|profit|commission|made on)\b/.test(q) && dealRef) {
    return [
      dealId && !number
        ? { name: 'deal_gross', arguments: { dealId } }
        : { name: 'get_deal', arguments: dealRef },
    ];
  }
  if (/\b(e-?mail|follow[- ]?up|write to)\b/.test(q)) {
    const name = /(?:to|email|for)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/.exec(question)?.[1];
    if (name) return [{ name: 'find_customers', arguments: { search: name } }];
  }
  if (/\btax/.test(q) && state && amount) {
    const args: Record<string, unknown> = { state: state.code, sellingPrice: amount };
    const zip = /\b(\d{5})\b/.exec(q)?.[1];
    if (zip) args.zip = zip;
    if (/\bnew\b/.test(q)) args.vehicleCondition = 'NEW';
    if (/\bused\b/.test(q)) args.vehicleCondition = 'USED';
    const trade = money(q, '\\s*trade');
    if (trade) args.tradeInAllowance = trade;
    return [{ name: 'tax_quote', arguments: args }];
  }
  if (
    /\b(explain|walk me through|summari[sz]e|break down|what's on|tell me about)\b/.test(q) &&
    dealRef
  ) {
    return [{ name: 'get_deal', arguments: dealRef }];
  }
  if (/\b(payments?|monthly|a month|per month|four[- ]?square)\b/.test(q) && dealRef) {
    const args: Record<string, unknown> = { ...dealRef };
    const term = /(\d{2})\s?(?:months|-month|mo\b)/.exec(q)?.[1];
    if (term) args.terms = [Number(term)];
    const down = money(q, '\\s*down');
    if (down) args.downPayments = [down];
    const apr = /(\d{1,2}(?:\.\d{1,2})?)\s?%/.exec(q)?.[1];
    if (apr) args.apr = apr;
    return [
      args.dealId
        ? { name: 'payment_options', arguments: args }
        : { name: 'get_deal', arguments: dealRef },
    ];
  }
  if (amount && /\b(under|budget|less than|below|up to|at most|for)\b/.test(q)) {
    const body = /\b(suv|truck|sedan)s?\b/.exec(q)?.[1];
    return [
      {
        name: 'compare_vehicles_for_budget',
        arguments: { budget: amount, ...(body ? { text: body } : {}) },
      },
    ];
  }
  if (/\b(aged|sitting|oldest|longest|been on the lot)\b/.test(q)) {
    const days = /(\d{2,3})\s*days/.exec(q)?.[1];
    return [{ name: 'aged_inventory', arguments: days ? { minDays: Number(days) } : {} }];
  }
  const vehicleWords = question.match(VEHICLE_WORDS);
  if (
    vehicleWords &&
    /\b(do we have|in stock|any|show me|available|inventory|looking for|got)\b/.test(q)
  ) {
    const args: Record<string, unknown> = {
      text: [...new Set(vehicleWords.map((w) => w.toLowerCase()))].join(' '),
    };
    const since = /(20\d\d) or newer/.exec(q)?.[1];
    if (since) args.yearMin = Number(since);
    if (/\bnew\b/.test(q)) args.condition = 'NEW';
    if (/\bused\b/.test(q)) args.condition = 'USED';
    return [{ name: 'search_inventory', arguments: args }];
  }
  const person = /(?:[Ff]ind|[Ll]ook up|[Cc]ustomer)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/.exec(
    question,
  )?.[1];
  if (person) return [{ name: 'find_customers', arguments: { search: person } }];
  if (state) {
    return [
      {
        name: 'search_documents',
        arguments: { query: `${state.name} ${contentWords(question).join(' ')}`.slice(0, 300) },
      },
    ];
  }
  return [
    {
      name: 'search_documents',
      arguments: { query: contentWords(question).join(' ').slice(0, 300) },
    },
  ];
}

interface ToolTurn {
  name: string;
  args: Record<string, any>;
  result: { ok: boolean; error?: string; code?: string; result?: any };
}

/** The tool calls and results since the user's last message, paired by id. */
function turnTools(req: ChatRequest): ToolTurn[] {
  const start = req.messages.map((m) => m.role).lastIndexOf('user');
  const turn = req.messages.slice(start + 1);
  const calls = new Map<string, { name: string; args: Record<string, any> }>();
  for (const m of turn) {
    for (const c of m.tool_calls ?? []) {
      calls.set(c.id, { name: c.function.name, args: JSON.parse(c.function.arguments || '{}') });
    }
  }
  return turn
    .filter(
      (m): m is ChatRequestMessage & { tool_call_id: string } =>
        m.role === 'tool' && !!m.tool_call_id,
    )
    .map((m) => ({
      ...(calls.get(m.tool_call_id) ?? { name: '?', args: {} }),
      result: JSON.parse(m.content ?? '{}'),
    }));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** What a gullible model does with "call X with …" found in data: the first such call not yet made. */
function injectedCall(tools: ToolTurn[]): Call | null {
  for (const t of tools) {
    for (const text of strings(t.result.result)) {
      for (const m of text.matchAll(/call (\w+)\b((?:(?!\bcall\b)[^.;])*)/gi)) {
        const name = m[1]!;
        if (!/_/.test(name) || tools.some((x) => x.name === name)) continue;
        const args: Record<string, unknown> = {};
        for (const a of m[2]!.matchAll(/(\w+Id) ([0-9a-f-]{36})/g)) args[a[1]!] = a[2];
        const topic = /topic "([^"]+)"/.exec(m[2]!)?.[1];
        if (topic) args.topic = topic;
        if (name === 'draft_follow_up_email') {
          args.customerId ??= t.result.result?.customers?.[0]?.id;
          args.topic ??= 'as instructed';
        }
        return { name, arguments: args };
      }
    }
  }
  return null;
}

/** A second step a plan needs (the deal's id from its number; a draft to the customer found). */
function continuation(question: string, tools: ToolTurn[]): Call | null {
  const q = question.toLowerCase();
  const last = tools.at(-1)!;
  if (!last.result.ok) return null;
  if (last.name === 'get_deal' && last.result.result?.id) {
    const dealId = last.result.result.id as string;
    if (/\b(payments?|monthly)\b/.test(q) && !tools.some((t) => t.name === 'payment_options')) {
      return (
        plan(question, dealId).find((c) => c.name === 'payment_options') ?? {
          name: 'payment_options',
          arguments: { dealId },
        }
      );
    }
    if (/\b(gross|profit)\b/.test(q) && !tools.some((t) => t.name === 'deal_gross')) {
      return { name: 'deal_gross', arguments: { dealId } };
    }
  }
  if (last.name === 'find_customers' && /\b(e-?mail|follow[- ]?up|write to)\b/.test(q)) {
    const customer = last.result.result?.customers?.[0];
    const topic = /about (.+?)[.?!]?$/i.exec(question)?.[1] ?? 'your visit';
    if (customer)
      return { name: 'draft_follow_up_email', arguments: { customerId: customer.id, topic } };
  }
  return null;
}

const vehicleLine = (v: any) =>
  `${v.year} ${v.make} ${v.model}${v.trim ? ` ${v.trim}` : ''}, stock ${v.stockNumber}, $${v.listPrice} (${v.daysInStock} days in stock)`;

/** Sentences of a passage up to about `max` characters (at a sentence end). */
function opening(quote: string, max: number): string {
  let text = '';
  for (const sentence of quote
    .replace(/^#+.*$/gm, '')
    .trim()
    .split(/(?<=[.!?])\s+/)) {
    if (text && text.length + sentence.length > max) break;
    text = text ? `${text} ${sentence}` : sentence;
  }
  return text;
}

/** The two best passages quoted (the first at length), each with where it is from. */
function quoteBest(passages: { quote: string; title: string }[]): string {
  return passages
    .slice(0, 2)
    .map((p, i) => `${opening(p.quote, i === 0 ? 600 : 300)} (${p.title})`)
    .join('\n');
}

function facts(question: string, t: ToolTurn): string | null {
  const r = t.result;
  if (!r.ok) {
    if (r.code === 'NOT_ASKED') return null;
    if (r.code === 'FORBIDDEN') return "You don't have permission for that.";
    return `That did not work: ${r.error}`;
  }
  const d = r.result;
  switch (t.name) {
    case 'search_inventory':
    case 'compare_vehicles_for_budget':
    case 'aged_inventory':
      return d.vehicles.length
        ? d.vehicles.map(vehicleLine).join('\n')
        : 'Nothing in stock matches.';
    case 'get_deal': {
      const s = d.scenarios.find((x: any) => x.selected) ?? d.scenarios[0];
      const trade = d.tradeIns[0] ? ` with a $${d.tradeIns[0].allowance} trade-in` : '';
      return `Deal #${d.dealNumber} (${d.status}): ${d.buyer?.displayName} buying the ${d.vehicle.year} ${d.vehicle.make} ${d.vehicle.model} at $${d.sellingPrice}, doc fee $${d.docFee}${trade}. ${s ? `${s.name}: ${s.finance ? `${s.finance.apr}% for ${s.finance.termMonths} months, $${s.finance.downPayment} down, ` : ''}$${s.monthlyPayment}/mo; tax $${s.totalTax}.` : ''}`;
    }
    case 'payment_options':
      return `At ${d.apr}% APR: ${d.rows.flatMap((row: any) => row.cells.map((c: any) => `${row.termMonths} mo with $${c.downPayment} down: $${c.monthlyPayment}/mo`)).join('; ')}.`;
    case 'tax_quote':
      return `Total tax $${d.totalTax} on a taxable $${d.taxableAmount} (${d.lines.map((l: any) => `${l.jurisdiction} ${l.rate} = $${l.amount}`).join(', ')}).${d.notices[0] ? ` Note: ${d.notices[0]}` : ''}`;
    case 'find_customers':
      return d.customers.length
        ? d.customers.map((c: any) => `${c.displayName} (${c.emails[0] ?? 'no email'})`).join('; ')
        : 'No customer matches.';
    case 'draft_follow_up_email':
      return d.draft
        ? `Draft to ${d.customer.displayName} (${d.draft.to}): "${d.draft.subject}" — review and send it yourself.`
        : `${d.customer?.displayName ?? 'The customer'}: no email drafted${d.doNotContact ? ' (asked not to be contacted)' : ''}.`;
    case 'deal_gross':
      return `Deal #${d.dealNumber}: front $${d.grossProfit.frontGross}, back $${d.grossProfit.backGross}, total $${d.grossProfit.totalGross}.`;
    case 'search_documents':
      return d.passages.length ? quoteBest(d.passages) : 'The documents do not say.';
    default:
      return null;
  }
}

export function standInModel(options: { gullible: boolean } = { gullible: true }) {
  return (req: ChatRequest): ScriptedReply => {
    const question = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const tools = turnTools(req);
    const offered = (req.tools?.length ?? 0) > 0;
    if (tools.length === 0) {
      const calls = offered ? plan(question, pageDeal(req)) : [];
      return calls.length ? { toolCalls: calls } : { text: 'I can only answer from the tools.' };
    }
    if (offered) {
      const next = (options.gullible ? injectedCall(tools) : null) ?? continuation(question, tools);
      if (next) return { toolCalls: [next] };
    }
    const text = tools
      .map((t) => facts(question, t))
      .filter(Boolean)
      .join('\n');
    return { text: text || 'I found nothing to answer with.' };
  };
}
