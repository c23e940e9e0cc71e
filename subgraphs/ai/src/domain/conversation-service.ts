// The caller's own conversations. RLS (dealership AND user) decides what exists for them; a
// colleague's or another dealership's id is simply not found.
import { tenantOf, type Database, type Principal } from '@autolytiq/kit';
import {
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  isUuid,
  pageSize,
  type Connection,
} from '@autolytiq/kit/core';
import { findConversation, listConversations, listMessages } from '../store/conversations-store.ts';
import type { ConversationRecord, ConversationWithMessages } from './records.ts';

const CURSOR_KIND = 'ai-conversations:recent';

export class ConversationService {
  constructor(private readonly db: Database) {}

  async list(
    principal: Principal,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<ConversationRecord>> {
    const limit = pageSize(first);
    const position = after
      ? decodeCursor(after, CURSOR_KIND, [cursorValue.timestamp, cursorValue.uuid])
      : null;
    const rows = await this.db.withTenant(tenantOf(principal), (em) =>
      listConversations(em, limit + 1, position),
    );
    return connectionOf(rows, limit, (r) =>
      encodeCursor(CURSOR_KIND, [r.updatedAt.toISOString(), r.id]),
    );
  }

  /** The messages of one of the caller's conversations (a list page asks per conversation). */
  async messages(principal: Principal, conversationId: string) {
    return this.db.withTenant(tenantOf(principal), (em) => listMessages(em, conversationId));
  }

  async get(principal: Principal, id: string): Promise<ConversationWithMessages | null> {
    if (!isUuid(id)) return null;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const conversation = await findConversation(em, id);
      if (!conversation) return null;
      return { ...conversation, messages: await listMessages(em, id) };
    });
  }
}
