// ai.conversations and ai.messages, always inside a tenant transaction whose app.user_id is the
// caller: RLS shows only the caller's own rows (dealership AND user), so no filter here is trusted.
import type { EntityManager } from '@autolytiq/kit';
import type {
  CitationRecord,
  ConversationRecord,
  MessageRecord,
  ToolCallRecord,
} from '../domain/records.ts';

interface ConversationRow {
  id: string;
  title: string;
  deal_id: string | null;
  customer_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface MessageRow {
  id: string;
  role: 'USER' | 'ASSISTANT';
  text: string;
  tool_calls: ToolCallRecord[];
  citations: CitationRecord[];
  created_at: Date;
}

const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  title: r.title,
  dealId: r.deal_id,
  customerId: r.customer_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id,
  role: r.role,
  text: r.text,
  toolCalls: r.tool_calls,
  citations: r.citations,
  createdAt: new Date(r.created_at),
});

const CONVERSATION_COLUMNS = 'id, title, deal_id, customer_id, created_at, updated_at';

export async function insertConversation(
  em: EntityManager,
  values: {
    dealershipId: string;
    userId: string;
    title: string;
    dealId: string | null;
    customerId: string | null;
  },
): Promise<ConversationRecord> {
  const [row] = await em.execute<ConversationRow[]>(
    `insert into ai.conversations (dealership_id, user_id, title, deal_id, customer_id)
     values (?, ?, ?, ?, ?) returning ${CONVERSATION_COLUMNS}`,
    [values.dealershipId, values.userId, values.title, values.dealId, values.customerId],
  );
  return toConversation(row!);
}

export async function findConversation(
  em: EntityManager,
  id: string,
): Promise<ConversationRecord | null> {
  const [row] = await em.execute<ConversationRow[]>(
    `select ${CONVERSATION_COLUMNS} from ai.conversations where id = ?`,
    [id],
  );
  return row ? toConversation(row) : null;
}

/** Most recently used first; `after` is the (updated_at, id) of the last row of the previous page. */
export async function listConversations(
  em: EntityManager,
  limit: number,
  after: [string, string] | null,
): Promise<ConversationRecord[]> {
  const rows = await em.execute<ConversationRow[]>(
    `select ${CONVERSATION_COLUMNS} from ai.conversations
      ${after ? 'where (updated_at, id) < (?::timestamptz, ?::uuid)' : ''}
      order by updated_at desc, id desc limit ?`,
    after ? [...after, limit] : [limit],
  );
  return rows.map(toConversation);
}

export async function touchConversation(em: EntityManager, id: string): Promise<void> {
  await em.execute('update ai.conversations set updated_at = clock_timestamp() where id = ?', [id]);
}

export async function insertMessage(
  em: EntityManager,
  values: {
    dealershipId: string;
    userId: string;
    conversationId: string;
    role: 'USER' | 'ASSISTANT';
    text: string;
    toolCalls?: ToolCallRecord[];
    citations?: CitationRecord[];
  },
): Promise<MessageRecord> {
  const [row] = await em.execute<MessageRow[]>(
    `insert into ai.messages (dealership_id, user_id, conversation_id, role, text, tool_calls, citations)
     values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
     returning id, role, text, tool_calls, citations, created_at`,
    [
      values.dealershipId,
      values.userId,
      values.conversationId,
      values.role,
      values.text,
      JSON.stringify(values.toolCalls ?? []),
      JSON.stringify(values.citations ?? []),
    ],
  );
  return toMessage(row!);
}

/** The conversation's messages, oldest first (the last `limit` of them). */
export async function listMessages(
  em: EntityManager,
  conversationId: string,
  limit = 200,
): Promise<MessageRecord[]> {
  const rows = await em.execute<MessageRow[]>(
    `select * from (
       select id, role, text, tool_calls, citations, created_at from ai.messages
        where conversation_id = ? order by created_at desc, id desc limit ?
     ) m order by created_at, id`,
    [conversationId, limit],
  );
  return rows.map(toMessage);
}
