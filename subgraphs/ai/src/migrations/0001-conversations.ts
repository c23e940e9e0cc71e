// The assistant's memory: conversations and their messages, per dealership (RLS on dealership_id)
// AND per user: a second policy restricts every row to the transaction's app.user_id, so one user's
// conversations are invisible to a colleague even through a crafted id.
import { Migration, tenantTableSql } from '@autolytiq/kit';

const OWNER_RULE = "user_id = nullif(current_setting('app.user_id', true), '')::uuid";

export class Migration0001Conversations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table ai.conversations (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        user_id uuid not null,
        title text not null check (length(title) between 1 and 120),
        deal_id uuid,
        customer_id uuid,
        created_at timestamptz(3) not null default now(),
        -- Millisecond precision: the list's cursor carries it exactly (ISO text in JavaScript).
        updated_at timestamptz(3) not null default now()
      )`);
    this.addSql(
      'create index conversations_owner_recent on ai.conversations (dealership_id, user_id, updated_at desc, id desc)',
    );
    this.addSql(`
      create table ai.messages (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        user_id uuid not null,
        conversation_id uuid not null references ai.conversations (id) on delete cascade,
        role text not null check (role in ('USER', 'ASSISTANT')),
        text text not null,
        tool_calls jsonb not null default '[]',
        citations jsonb not null default '[]',
        created_at timestamptz not null default clock_timestamp()
      )`);
    this.addSql('create index messages_conversation on ai.messages (conversation_id, created_at)');
    for (const table of ['ai.conversations', 'ai.messages']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
      // Restrictive: combined with AND to the tenant policy, never widening it.
      this.addSql(
        `create policy owner_only on ${table} as restrictive using (${OWNER_RULE}) with check (${OWNER_RULE})`,
      );
    }
  }
}
