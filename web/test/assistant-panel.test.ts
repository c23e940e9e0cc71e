// @vitest-environment happy-dom
// The panel rendered with a fake subscription: a quick action on the desk shows the streamed answer,
// the tool card with its link, and (when done) the sources.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const DEAL = '5b8f0a52-6f1c-4a8e-9a55-3f0f7c1b2d11';
type Sink = { next: (r: unknown) => void; error: (e: unknown) => void; complete: () => void };
const sinks: { variables: Record<string, any>; sink: Sink }[] = [];

vi.mock('next/navigation', () => ({ usePathname: () => `/deals/${DEAL}` }));
vi.mock('../src/lib/realtime.ts', () => ({
  subscribeOnce: (_q: string, variables: Record<string, any>, sink: Sink) => {
    sinks.push({ variables, sink });
    return () => undefined;
  },
}));

const { AssistantPanel } = await import('../src/components/assistant-panel.tsx');

afterEach(cleanup);

describe('AssistantPanel', () => {
  it('runs a quick action on the desk and shows the stream, the card and the sources', () => {
    render(createElement(AssistantPanel));
    fireEvent.click(screen.getByRole('button', { name: 'Assistant' }));
    fireEvent.click(screen.getByRole('button', { name: 'Payment options' }));
    expect(sinks[0]!.variables.input).toMatchObject({
      quickAction: 'PAYMENT_OPTIONS',
      dealId: DEAL,
      conversationId: null,
    });
    const { sink } = sinks[0]!;
    act(() => {
      sink.next({
        data: {
          assistantChat: {
            __typename: 'AssistantToolCall',
            name: 'payment_options',
            arguments: '{}',
            ok: true,
            summary: '$412.00/mo',
            link: `/deals/${DEAL}`,
          },
        },
      });
      sink.next({ data: { assistantChat: { __typename: 'AssistantToken', text: 'About ' } } });
      sink.next({ data: { assistantChat: { __typename: 'AssistantToken', text: '$412.' } } });
    });
    expect(screen.getByTestId('assistant-answer').textContent).toBe('About $412.');
    expect(screen.getByTestId('assistant-tool-card').textContent).toContain('Payment options');
    expect(screen.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`/deals/${DEAL}`);
    act(() => {
      sink.next({
        data: {
          assistantChat: {
            __typename: 'AssistantDone',
            reply: {
              conversationId: 'c1',
              answer: 'About $412.',
              modelUsed: true,
              toolCalls: [],
              citations: [{ documentId: 'd1', title: 'Policy', snippet: 'a hold', url: null }],
            },
          },
        },
      });
      sink.complete();
    });
    expect(screen.getByTestId('assistant-citations').textContent).toContain('Policy');
    expect(screen.queryByRole('alert')).toBeNull();
    // The next question continues the conversation.
    fireEvent.change(screen.getByLabelText('Ask the assistant'), { target: { value: 'And 72?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    expect(sinks[1]!.variables.input).toMatchObject({ message: 'And 72?', conversationId: 'c1' });
  });
});
