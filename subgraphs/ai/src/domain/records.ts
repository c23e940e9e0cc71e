// The assistant's records, shaped as the graph shows them (no mappers needed).

export interface ToolCallRecord {
  name: string;
  /** The arguments as JSON text. */
  arguments: string;
  ok: boolean;
  summary: string;
  link: string | null;
}

export interface CitationRecord {
  documentId: string;
  title: string;
  snippet: string;
  /** A public source (the tax rules' statute or DOR page), when there is one. */
  url?: string | null;
}

export interface ReplyRecord {
  conversationId: string;
  answer: string;
  toolCalls: ToolCallRecord[];
  citations: CitationRecord[];
  modelUsed: boolean;
}

export interface MessageRecord {
  id: string;
  role: 'USER' | 'ASSISTANT';
  text: string;
  toolCalls: ToolCallRecord[];
  citations: CitationRecord[];
  createdAt: Date;
}

export interface ConversationRecord {
  id: string;
  title: string;
  dealId: string | null;
  customerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConversationWithMessages extends ConversationRecord {
  messages: MessageRecord[];
}

/** What the streaming turn reports as it goes (the AssistantEvent union). */
export type AssistantEventRecord =
  | { kind: 'token'; text: string }
  | ({ kind: 'tool' } & ToolCallRecord)
  | { kind: 'done'; reply: ReplyRecord };
