// Deal reads: by id / number, the searchable list (cursor carries the sort), a customer's or a
// vehicle's deals, open deals on vehicles, payment schedules.
import {
  connectionOf,
  cursorValue,
  decodeCursor,
  encodeCursor,
  pageSize,
  type Principal,
} from '@autolytiq/kit';
import * as store from '../store/deals-store.ts';
import { openDealsOn } from '../store/open-deals-store.ts';
import { DealBase } from './deal-base.ts';
import * as parse from './inputs.ts';
import type { DealPage, DealRecord } from './records.ts';

export class DealQueries extends DealBase {
  /** The deal and its events in one statement (the recap asks for both). */
  async byIdWithEvents(p: Principal, id: string) {
    // One statement, one round trip (kit db.read).
    return this.db.read(this.tenant(p), async (sql) => {
      const found = await store.findDealWithEvents(sql, id);
      const deal = found?.deal ?? null;
      const history = found?.events ?? [];
      return { deal, events: history };
    });
  }

  /** The caller's dealership's deal with this number (another dealership's is simply not found). */
  async byNumber(p: Principal, dealNumber: number): Promise<DealRecord | null> {
    const found = await this.db.withTenant(this.tenant(p), (em) =>
      store.findDealByNumber(em, dealNumber),
    );
    return found ?? null;
  }

  async search(
    p: Principal,
    filter: store.DealListQuery,
    sort: store.DealSortKey,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<DealPage> {
    const limit = pageSize(first);
    for (const k of ['salespersonId', 'customerId', 'vehicleId'] as const) {
      if (filter[k]) parse.id(`filter.${k}`, filter[k]);
    }
    if (filter.dealNumber != null) parse.dealNumber('filter.dealNumber', filter.dealNumber);
    if (filter.dealDateFrom) parse.isoDate('filter.dealDateFrom', filter.dealDateFrom);
    if (filter.dealDateTo) parse.isoDate('filter.dealDateTo', filter.dealDateTo);
    // The cursor carries the sort: its key is cast to the sort column's type in SQL.
    const kind = `deals:${sort}`;
    const key = sort.startsWith('DEAL_DATE') ? cursorValue.date : cursorValue.timestamp;
    const cursor = after ? decodeCursor(after, kind, [key, cursorValue.int]) : null;
    const rows = await this.db.withTenant(this.tenant(p), (em) =>
      store.listDeals(em, filter, sort, limit + 1, cursor && { key: cursor[0], number: cursor[1] }),
    );
    return connectionOf(
      rows,
      limit,
      (r) => encodeCursor(kind, [r.key, r.deal.dealNumber]),
      (r) => r.deal,
    );
  }

  dealsFor(p: Principal, kind: 'customer' | 'vehicle', ids: readonly string[], limit: number) {
    return this.db.withTenant(this.tenant(p), (em) => store.dealsFor(em, kind, ids, limit));
  }

  /** The open deals on these vehicles (one car, one deal). */
  openDealsOn(p: Principal, vehicleIds: readonly string[]) {
    return this.db.withTenant(this.tenant(p), (em) => openDealsOn(em, vehicleIds));
  }

  schedulesOf(p: Principal, scenarioIds: readonly string[]) {
    return this.db.withTenant(this.tenant(p), (em) => store.schedulesOf(em, scenarioIds));
  }
}
