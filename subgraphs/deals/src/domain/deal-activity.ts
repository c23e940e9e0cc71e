// Live deal activity: after a transaction that recorded a deal event COMMITS, one message goes to the
// dealership's `deals` topic on the event bus (`t:<dealershipId>:deals`). It names the deal and the
// event only; each subscriber loads both as themselves (their tenant, their permissions — costs stay
// hidden without deals.gross.read), so a message never carries data someone else could see.
import { afterCommit, type EntityManager, type EventBus } from '@autolytiq/kit';
import type { DealEventKind } from './records.ts';

export const DEALS_TOPIC = 'deals';

export interface DealActivityMessage {
  dealId: string;
  eventId: string;
  kind: DealEventKind;
}

// The buses of the deals subgraphs running in this process (normally one). insertEvent is called
// from several places (desking, transitions, the outbox relay); registering here keeps every one of
// them publishing without each knowing about the bus.
const buses = new Set<EventBus>();

/** Publishes this process's deal events on `bus` until the returned function is called. */
export function publishDealActivityOn(bus: EventBus): () => void {
  buses.add(bus);
  return () => void buses.delete(bus);
}

/** Queues the message for after the commit of the transaction `em` belongs to (never on rollback). */
export function dealActivityAfterCommit(
  em: EntityManager,
  dealershipId: string,
  message: DealActivityMessage,
): void {
  if (buses.size === 0) return;
  afterCommit(em, () => {
    for (const bus of buses) void bus.publish(dealershipId, DEALS_TOPIC, message).catch(() => {});
  });
}
