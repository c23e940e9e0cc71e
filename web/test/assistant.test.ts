// The assistant panel's logic: the page as context, and a streamed turn folded into what it shows.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  budgetInput,
  EMPTY_CHAT,
  failTurn,
  pageContext,
  startTurn,
  toolLabel,
} from '../src/lib/assistant.ts';

const DEAL = '5b8f0a52-6f1c-4a8e-9a55-3f0f7c1b2d11';

describe('assistant panel', () => {
  it('takes the deal or customer page as context, nothing else', () => {
    expect(pageContext(`/deals/${DEAL}`)).toEqual({ dealId: DEAL, customerId: null });
    expect(pageContext(`/deals/${DEAL}/recap`)).toEqual({ dealId: DEAL, customerId: null });
    expect(pageContext(`/customers/${DEAL}`)).toEqual({ dealId: null, customerId: DEAL });
    expect(pageContext('/deals/new')).toEqual({ dealId: null, customerId: null });
    expect(pageContext('/inventory')).toEqual({ dealId: null, customerId: null });
  });

  it('streams tokens, adds tool cards, and takes the stored reply when done', () => {
    let chat = startTurn(EMPTY_CHAT, 'Payment options');
    chat = applyEvent(chat, {
      __typename: 'AssistantToolCall',
      name: 'payment_options',
      arguments: '{}',
      ok: true,
      summary: 'Deal #1042 at 6.9% APR',
      link: `/deals/${DEAL}`,
    });
    chat = applyEvent(chat, { __typename: 'AssistantToken', text: 'At 6.9%, ' });
    chat = applyEvent(chat, { __typename: 'AssistantToken', text: '$412/mo.' });
    expect(chat.turns[0]).toMatchObject({ answer: 'At 6.9%, $412/mo.', status: 'streaming' });
    expect(chat.turns[0]!.toolCalls.map((c) => c.link)).toEqual([`/deals/${DEAL}`]);
    chat = applyEvent(chat, {
      __typename: 'AssistantDone',
      reply: {
        conversationId: 'c1',
        answer: 'At 6.9%, $412/mo.',
        modelUsed: true,
        toolCalls: chat.turns[0]!.toolCalls,
        citations: [{ documentId: 'd', title: 'Policy', snippet: 's', url: null }],
      },
    });
    expect(chat.conversationId).toBe('c1');
    expect(chat.turns[0]).toMatchObject({ status: 'done', citations: [{ title: 'Policy' }] });
    // The next question continues the conversation as a new turn.
    chat = startTurn(chat, 'And at 72 months?');
    expect(chat.turns.map((t) => t.id)).toEqual([1, 2]);
    chat = failTurn(chat, 'Too many requests');
    expect(chat.turns[1]).toMatchObject({ status: 'failed', error: 'Too many requests' });
    expect(chat.turns[0]!.status).toBe('done');
  });

  it('names tools for people and reads a typed budget', () => {
    expect(toolLabel('payment_options')).toBe('Payment options');
    expect(toolLabel('new_tool')).toBe('new tool');
    expect(budgetInput('$24,500')).toBe('24500');
    expect(budgetInput('24500.5')).toBe('24500.5');
    expect(budgetInput('0')).toBeNull();
    expect(budgetInput('lots')).toBeNull();
  });
});
