// The assistant panel's logic, apart from React: the page the user is on as context, the streamed
// turn folded event by event into what the panel shows, and the names tools go by on their cards.

export const ASSISTANT_CHAT = `subscription AssistantChat($input: AskAssistantInput!) {
  assistantChat(input: $input) {
    __typename
    ... on AssistantToken { text }
    ... on AssistantToolCall { name arguments ok summary link }
    ... on AssistantDone {
      reply {
        conversationId answer modelUsed
        toolCalls { name arguments ok summary link }
        citations { documentId title snippet url }
      }
    }
  }
}`;

export interface ToolCard {
  name: string;
  arguments: string;
  ok: boolean;
  summary: string;
  link: string | null;
}

export interface Citation {
  documentId: string;
  title: string;
  snippet: string;
  url: string | null;
}

export type AssistantEvent =
  | { __typename: 'AssistantToken'; text: string }
  | ({ __typename: 'AssistantToolCall' } & ToolCard)
  | {
      __typename: 'AssistantDone';
      reply: {
        conversationId: string;
        answer: string;
        modelUsed: boolean;
        toolCalls: ToolCard[];
        citations: Citation[];
      };
    };

export interface Turn {
  id: number;
  question: string;
  answer: string;
  toolCalls: ToolCard[];
  citations: Citation[];
  status: 'streaming' | 'done' | 'failed';
  error: string | null;
  modelUsed: boolean | null;
}

export interface Chat {
  conversationId: string | null;
  turns: Turn[];
}

export const EMPTY_CHAT: Chat = { conversationId: null, turns: [] };

export interface PageContext {
  dealId: string | null;
  customerId: string | null;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The deal or customer page the user is on (the desk, a customer's page), from the path. */
export function pageContext(pathname: string): PageContext {
  const deal = new RegExp(`^/deals/(${UUID})(?:/|$)`, 'i').exec(pathname)?.[1] ?? null;
  const customer = new RegExp(`^/customers/(${UUID})(?:/|$)`, 'i').exec(pathname)?.[1] ?? null;
  return { dealId: deal, customerId: customer };
}

export function startTurn(chat: Chat, question: string): Chat {
  const id = (chat.turns.at(-1)?.id ?? 0) + 1;
  const turn: Turn = {
    id,
    question,
    answer: '',
    toolCalls: [],
    citations: [],
    status: 'streaming',
    error: null,
    modelUsed: null,
  };
  return { ...chat, turns: [...chat.turns, turn] };
}

function updateLast(chat: Chat, change: (turn: Turn) => Turn): Chat {
  const last = chat.turns.at(-1);
  if (!last) return chat;
  return { ...chat, turns: [...chat.turns.slice(0, -1), change(last)] };
}

/** One streamed event: tokens append, a tool call adds its card, done replaces with the stored reply. */
export function applyEvent(chat: Chat, event: AssistantEvent): Chat {
  switch (event.__typename) {
    case 'AssistantToken':
      return updateLast(chat, (t) => ({ ...t, answer: t.answer + event.text }));
    case 'AssistantToolCall': {
      const { __typename: _kind, ...card } = event;
      return updateLast(chat, (t) => ({ ...t, toolCalls: [...t.toolCalls, card] }));
    }
    case 'AssistantDone':
      return {
        conversationId: event.reply.conversationId,
        turns: updateLast(chat, (t) => ({
          ...t,
          answer: event.reply.answer,
          toolCalls: event.reply.toolCalls,
          citations: event.reply.citations,
          modelUsed: event.reply.modelUsed,
          status: 'done',
        })).turns,
      };
    default:
      // An event this version of the panel does not know: shown by nothing, never a crash.
      return chat;
  }
}

export function failTurn(chat: Chat, message: string): Chat {
  return updateLast(chat, (t) =>
    t.status === 'streaming' ? { ...t, status: 'failed', error: message } : t,
  );
}

const TOOL_LABELS: Record<string, string> = {
  search_inventory: 'Inventory search',
  compare_vehicles_for_budget: 'Vehicles within budget',
  aged_inventory: 'Aged inventory',
  find_customers: 'Customer search',
  get_deal: 'Deal',
  deal_gross: 'Deal gross',
  payment_options: 'Payment options',
  tax_quote: 'Tax quote',
  draft_follow_up_email: 'Email draft',
  search_documents: 'Dealership documents',
};

export const toolLabel = (name: string) => TOOL_LABELS[name] ?? name.replace(/_/g, ' ');

/** A budget typed on the desk ("$24,500"), as the API takes it, or null when it is not an amount. */
export function budgetInput(text: string): string | null {
  const t = text.replace(/[$,\s]/g, '');
  return /^\d{1,9}(\.\d{1,2})?$/.test(t) && Number(t) > 0 ? t : null;
}
