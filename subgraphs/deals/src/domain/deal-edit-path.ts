// The one edit path every deal write goes through (lock, version, status, recompute, save, event),
// and the check that the people a deal names are active users of the dealership.
import { badInput, type EntityManager, type Principal } from '@autolytiq/kit';
import * as store from '../store/deals-store.ts';
import * as events from '../store/events-store.ts';
import { lockForWrite, type Caller } from './deal-base.ts';
import {
  checkDocFeeLimit,
  checkTermLimit,
  checkTerms,
  diffTerms,
  sameScenarioTerms,
  scenarioChanges,
  withField,
} from './deal-edits.ts';
import { DealSettingsService } from './deal-settings.ts';
import * as parse from './inputs.ts';
import type {
  DealChangeRecord,
  DealEventKind,
  DealRecord,
  DealTerms,
  ScenarioRecord,
} from './records.ts';
import { computeScenario } from './scenarios.ts';
import { assertEditable, keepsApproval } from './state-machine.ts';

export interface DealChange {
  terms: DealTerms;
  scenarios: ScenarioRecord[];
  recompute?: boolean;
  scenarioField?: string;
  /** Last check inside the transaction; returns changes to record besides the fields'. */
  guard?: (em: EntityManager, terms: DealTerms, deal: DealRecord) => Promise<DealChangeRecord[]>;
}

export class DealEditPath extends DealSettingsService {
  /**
   * The salesperson and sales manager a deal names must be active users of the caller's dealership
   * (issue 12: any UUID was accepted, so a manager could name a made-up salesperson and approve his
   * own deal). Checked through the graph with the caller's token; auth's RLS answers only the
   * caller's dealership.
   */
  protected async checkPeople(c: Caller, ids: Record<string, string | null | undefined>) {
    const given = Object.entries(ids).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    if (given.length === 0 || !this.graph.team) return;
    for (const [field, value] of given) parse.id(field, value);
    const team = new Map((await this.graph.team(this.graphCaller(c))).map((m) => [m.id, m]));
    for (const [field, value] of given) {
      const member = team.get(value);
      if (!member) throw badInput(field, 'No user of this dealership has this id.');
      if (!member.active) throw badInput(field, 'This user is deactivated.');
    }
  }

  /**
   * The one edit path: lock, check version and status, apply `change`, recompute every scenario,
   * save, record the event (with the status move an edit implies).
   */
  protected async edit(
    p: Principal,
    id: string,
    version: number,
    kind: DealEventKind,
    change: (deal: DealRecord) => DealChange,
  ): Promise<DealRecord> {
    parse.id('id', id);
    return this.db.withTenant(this.tenant(p), async (em) => {
      const deal = await lockForWrite(em, id, version);
      const editedStatus = assertEditable(deal.status);
      const { terms, scenarios, recompute = true, scenarioField, guard } = change(deal);
      checkTerms(terms, 'input');
      const settings = await events.readSettings(em);
      const termsChanged = diffTerms(deal, terms);
      if (termsChanged.some((c) => c.field === 'docFee' || c.field === 'buyerState')) {
        checkDocFeeLimit(terms, settings, 'input');
      }
      const nextStatus = keepsApproval(deal.status, kind, termsChanged)
        ? deal.status
        : editedStatus;
      const computed = scenarios.map((s) => {
        const before = deal.scenarios.find((o) => o.id === s.id);
        const same = before && termsChanged.length === 0 && sameScenarioTerms(before, s);
        if (!recompute || same) return s;
        const field = scenarioField && !before ? scenarioField : `scenarios.${s.id}`;
        const c = withField(scenarioField ?? field, () => {
          if (!before || !sameScenarioTerms(before, s)) checkTermLimit(s, settings);
          return computeScenario(terms, s, settings.reserveShare);
        });
        return { ...s, ...c, calculatedAt: new Date() };
      });
      const changes = guard ? await guard(em, terms, deal) : [];
      const next: DealRecord = {
        ...deal,
        ...terms,
        status: nextStatus,
        scenarios: computed,
        ...(nextStatus !== deal.status ? { approvedAt: null, approvedById: null } : {}),
      };
      await store.saveDealRow(em, next);
      await store.saveScenarios(em, p.dealershipId, id, deal.scenarios, computed);
      // A held vehicle swapped for another is released (the new one is held on the next approval).
      let released = false;
      if (next.vehicleId !== deal.vehicleId) {
        const holder = await events.vehicleHolder(em, deal.vehicleId);
        if (holder?.deal_id === id && holder.vehicle_status === 'ON_HOLD') {
          await events.insertOutbox(em, p.dealershipId, id, deal.vehicleId, 'AVAILABLE');
          released = true;
        }
      }
      await events.insertEvent(em, p.dealershipId, id, {
        kind,
        actorId: p.userId,
        fromStatus: deal.status,
        toStatus: nextStatus,
        changes: [...termsChanged, ...scenarioChanges(deal.scenarios, computed), ...changes],
      });
      const saved = (await store.findDeals(em, [id]))[0]!;
      if (released) setImmediate(() => this.outboxQueued());
      return saved;
    });
  }
}
