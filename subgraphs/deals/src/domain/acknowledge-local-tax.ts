// A manager acknowledges that the deal's tax has no local rate for its place: recorded on the deal
// (who, when, which notices) and in its history, in one transaction with the version check.
import { badInput, forbidden } from '@autolytiq/kit';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import { lockForWrite, type Caller, type DealBase } from './deal-base.ts';
import * as parse from './inputs.ts';
import { missingLocalTax } from './local-tax-check.ts';
import type { DealRecord } from './records.ts';
import { editEffect } from './state-machine.ts';

export async function acknowledgeMissingLocalTax(
  service: DealBase,
  c: Caller,
  id: string,
  version: number,
): Promise<DealRecord> {
  const p = c.principal;
  parse.id('id', id);
  // A manager's decision (the directive says so too; this keeps the rule with the domain).
  if (!p.permissions.includes('deals.approve')) {
    throw forbidden('Acknowledging a missing local tax requires permission deals.approve.', {
      requiredPermissions: ['deals.approve'],
    });
  }
  return service.db.withTenant(service.tenant(p), async (em) => {
    const deal = await lockForWrite(em, id, version);
    if ('frozen' in editEffect(deal.status)) {
      throw badInput('id', `A ${deal.status} deal cannot be changed.`);
    }
    const missing = missingLocalTax(deal);
    if (missing.length === 0) {
      throw badInput(
        'id',
        "The deal's tax includes every local rate: there is nothing to acknowledge.",
      );
    }
    const ack = { byId: p.userId, at: new Date().toISOString(), notices: missing };
    await store.saveDealRow(em, { ...deal, localRateAcknowledgement: ack });
    await events.insertEvent(em, p.dealershipId, id, {
      kind: 'EDITED',
      actorId: p.userId,
      fromStatus: deal.status,
      toStatus: deal.status,
      changes: [{ field: 'localRateAcknowledgement', from: null, to: JSON.stringify(missing) }],
      note: 'Acknowledged: local tax missing for the deal’s place.',
    });
    return (await store.findDeals(em, [id]))[0]!;
  });
}
