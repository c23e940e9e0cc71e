// The transition mutations: rule check (state, permission), what each needs (selected scenario,
// validated buyer address, an available vehicle, enough gross or the higher permission), and what
// each causes (vehicle status through the outbox) — all in the transaction that moves the deal.
import { badInput, forbidden, notFound, type Principal } from '@autolytiq/kit';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import { vehicleHolder } from '../store/events-store.ts';
import { lockForWrite, staleVersion, today, taxAddress, type Caller } from './deal-base.ts';
import { DealScenarioWrites } from './scenario-writes.ts';
import { latestSubmitter } from './actions.ts';
import { grossProfit } from './gross.ts';
import * as parse from './inputs.ts';
import type { DealRecord } from './records.ts';
import {
  checkTransition,
  ownDealApprovalRefusal,
  requirePermissionFor,
  type Transition,
} from './state-machine.ts';
import type { VehicleFacts } from './graph.ts';
import { describeDeal, salespeopleOf } from './open-deals.ts';
import { localTaxRefusal } from './local-tax-check.ts';

interface AddressCheck {
  valid: boolean;
  problems: { field: string; message: string }[];
}

const BUYER_ADDRESS = `query DealBuyerAddress($id: ID!) {
  customer(id: $id) { id addresses { kind line1 line2 city state zip county } }
}`;
const VALIDATE = `query DealValidateAddress($a: CustomerAddressInput!) {
  validateAddress(input: $a) { valid problems { field message } }
}`;

const VEHICLE_WORDS: Record<VehicleFacts['status'], string> = {
  AVAILABLE: 'available',
  ON_HOLD: 'on hold',
  SOLD: 'sold',
  IN_TRANSIT: 'in transit',
};

function requireAvailable(vehicle: VehicleFacts, heldByThisDeal: boolean, holder: string | null) {
  if (vehicle.status === 'AVAILABLE') return;
  if (vehicle.status === 'ON_HOLD' && heldByThisDeal) return;
  const why =
    vehicle.status === 'ON_HOLD'
      ? `on hold for ${holder ?? 'another deal'}`
      : VEHICLE_WORDS[vehicle.status];
  throw badInput(
    'id',
    `The vehicle is ${why}; this deal can go ahead only while the vehicle is available${vehicle.status === 'ON_HOLD' ? ' (cancel the other deal first)' : ''}.`,
  );
}

/** Whether the outbox's latest word on the vehicle is "on hold for this deal". */
function held(h: { deal_id: string; vehicle_status: string } | null, dealId: string): boolean {
  return h?.deal_id === dealId && h.vehicle_status === 'ON_HOLD';
}

/** Unknown (or another dealership's) deal, or a stale version: the answers lockForWrite gives. */
function checkFound(
  deal: DealRecord | null,
  id: string,
  version: number,
): asserts deal is DealRecord {
  if (!deal) throw notFound(`Deal ${id} not found.`);
  if (deal.version !== version) throw staleVersion(version, deal.version);
}

/** The status moves, as the service's methods. */
export class DealTransitions extends DealScenarioWrites {
  async transition(
    c: Caller,
    id: string,
    version: number,
    name: Transition,
    note: string | null,
    contract?: parse.ContractInput | null,
  ): Promise<DealRecord> {
    const p = c.principal;
    parse.id('id', id);
    const current = await this.byId(p, id);
    // Same order of checks as inside the transaction: unknown, then stale version, then the rules.
    checkFound(current, id, version);
    const rule = checkTransition(name, current.status);
    requirePermissionFor(rule, p.permissions);
    const reason = note?.trim() ?? '';
    if ((name === 'reject' || name === 'cancel' || name === 'unwind') && reason === '') {
      throw badInput('reason', `A reason is required to ${name} a deal.`);
    }
    if (reason.length > 1000)
      throw badInput('reason', 'The reason is longer than 1000 characters.');
    // Permissions only, never role names: deals.approve (checked above) is what makes an approver.
    const own =
      name === 'approve'
        ? ownDealApprovalRefusal(current, p.userId, await this.submitterOf(p, id))
        : null;
    if (own) throw forbidden(own);
    const contractTerms = name === 'contract' ? parse.contract('contract', contract ?? null) : null;

    // Network checks before the transaction (no lock held across them); re-verified inside by version.
    const gc = this.graphCaller(c);
    let vehicle: VehicleFacts | null = null;
    let holder: string | null = null;
    if (name === 'submit' || name === 'approve') {
      vehicle = await this.graph.vehicle(gc, current.vehicleId);
      holder = await this.whoHolds(c, vehicle, current.id);
    }
    if (name === 'submit') await this.requireValidBuyer(c, current);

    return this.db.withTenant(this.tenant(p), async (em) => {
      const deal = await lockForWrite(em, id, version);
      checkTransition(name, deal.status);
      const next: DealRecord = { ...deal, status: rule.to };
      const now = new Date();
      if (name === 'submit') {
        if (!deal.scenarios.some((s) => s.selected)) {
          throw badInput('id', 'Select a scenario before submitting the deal.');
        }
        requireAvailable(vehicle!, held(await vehicleHolder(em, deal.vehicleId), deal.id), holder);
        next.submittedAt = now;
        next.rejectionReason = null;
      }
      if (name === 'approve') {
        requireAvailable(vehicle!, held(await vehicleHolder(em, deal.vehicleId), deal.id), holder);
        if (deal.vehicleCost === null && vehicle!.cost !== null) next.vehicleCost = vehicle!.cost;
        const settings = await events.readSettings(em);
        const gross = grossProfit(next, settings.lowGrossThreshold);
        if (gross.isLowGross && !p.permissions.includes('deals.approve.low_gross')) {
          throw forbidden(
            gross.frontGross === null
              ? 'The front gross is unknown (no vehicle cost); approving it requires permission deals.approve.low_gross.'
              : `The front gross ${gross.frontGross.toFixed(2)} is below the dealership threshold ${settings.lowGrossThreshold.toFixed(2)}; approving it requires permission deals.approve.low_gross.`,
            { requiredPermissions: ['deals.approve.low_gross'] },
          );
        }
        next.approvedAt = now;
        next.approvedById = p.userId;
      }
      if (name === 'reject') next.rejectionReason = reason;
      if (name === 'cancel' || name === 'unwind') next.cancellationReason = reason;
      if (name === 'deliver') next.deliveredAt = now;
      if (name === 'contract') {
        const why = localTaxRefusal(deal);
        if (why) throw badInput('id', why);
      }
      if (contractTerms) {
        const selected = deal.scenarios.find((x) => x.selected);
        next.contract = {
          lender:
            contractTerms.lender ?? selected?.finance?.lender ?? selected?.lease?.lender ?? null,
          contractNumber: contractTerms.contractNumber,
          contractDate: contractTerms.contractDate ?? today(p.timezone, now),
          contractedById: p.userId,
        };
      }

      await store.saveDealRow(em, next);
      await events.insertEvent(em, p.dealershipId, id, {
        kind: 'TRANSITION',
        actorId: p.userId,
        fromStatus: deal.status,
        toStatus: next.status,
        changes: [
          ...(next.vehicleCost !== deal.vehicleCost
            ? [{ field: 'vehicleCost', from: null, to: JSON.stringify(next.vehicleCost) }]
            : []),
          ...(next.contract !== deal.contract
            ? [{ field: 'contract', from: null, to: JSON.stringify(next.contract) }]
            : []),
        ],
        note: reason || null,
      });
      let queued = false;
      if (rule.vehicleStatus) {
        // Release only what this deal holds: cancelling a deal that never got the vehicle must not
        // free a car another deal has on hold.
        const holder = await vehicleHolder(em, deal.vehicleId);
        const holds = holder?.deal_id === deal.id && holder.vehicle_status !== 'AVAILABLE';
        if (rule.vehicleStatus !== 'AVAILABLE' || holds) {
          await events.insertOutbox(
            em,
            p.dealershipId,
            deal.id,
            deal.vehicleId,
            rule.vehicleStatus,
          );
          queued = true;
        }
      }
      const saved = (await store.findDeals(em, [id]))[0]!;
      if (queued) setImmediate(() => this.outboxQueued());
      return saved;
    });
  }

  /**
   * Why the vehicle is not free for this deal, in words (the holding deal's number and salesperson,
   * never ids), asked before the transaction; null when nothing is known to hold it.
   */
  private async whoHolds(c: Caller, vehicle: VehicleFacts, dealId: string): Promise<string | null> {
    if (vehicle.status !== 'ON_HOLD') return null;
    const holderDeal = await this.db.withTenant(this.tenant(c.principal), async (em) => {
      const holder = await vehicleHolder(em, vehicle.id);
      if (!holder || holder.deal_id === dealId) return null;
      return (await store.findDeals(em, [holder.deal_id]))[0] ?? null;
    });
    if (!holderDeal) return null;
    const names = await salespeopleOf(this, c, [holderDeal.id]);
    return describeDeal({
      ...holderDeal,
      salespersonName: names.get(holderDeal.id) ?? null,
    });
  }

  private async requireValidBuyer(c: Caller, deal: DealRecord) {
    const data = await this.graph.request<{
      customer: {
        addresses: {
          kind: string;
          line1: string;
          line2: string | null;
          city: string;
          state: string;
          zip: string;
          county: string | null;
        }[];
      } | null;
    }>(c.token, c.requestId, BUYER_ADDRESS, { id: deal.buyerId });
    const address = data.customer
      ? taxAddress({ id: deal.buyerId, addresses: data.customer.addresses })
      : null;
    if (!address) throw badInput('id', 'The buyer has no address; add one before submitting.');
    const full =
      data.customer!.addresses.find((a) => a === address) ?? data.customer!.addresses[0]!;
    const check = await this.graph.request<{ validateAddress: AddressCheck }>(
      c.token,
      c.requestId,
      VALIDATE,
      {
        a: {
          kind: full.kind,
          line1: full.line1,
          line2: full.line2,
          city: full.city,
          state: full.state,
          zip: full.zip,
        },
      },
    );
    if (!check.validateAddress.valid) {
      const why = check.validateAddress.problems.map((x) => `${x.field}: ${x.message}`).join('; ');
      throw badInput(
        'id',
        `The buyer's address does not validate (${why}); fix it before submitting.`,
      );
    }
  }

  /** Who sent the deal for approval last (its newest transition into SUBMITTED). */
  private async submitterOf(p: Principal, id: string) {
    return latestSubmitter((await this.eventsOf(p, [id])).get(id) ?? []);
  }
}
