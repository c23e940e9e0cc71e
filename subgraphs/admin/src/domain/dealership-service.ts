// Reading and changing the caller's dealership. The tenant always comes from the verified token.
import {
  changesOf,
  conflict,
  notFound,
  recordAudit,
  tenantOf,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import { applyPatch, type DealershipPatch, type DealershipRecord } from './dealerships.ts';
import { findDealerships, updateDealership } from '../store/dealerships-store.ts';

export class DealershipService {
  constructor(private readonly db: Database) {}

  async mine(principal: Principal): Promise<DealershipRecord> {
    const [d] = await this.db.withTenant(tenantOf(principal), (em) =>
      findDealerships(em, [principal.dealershipId]),
    );
    if (!d) throw notFound('Your dealership record was not found.');
    return d;
  }

  /** Loads several by id; another dealership's id yields nothing (RLS). */
  byIds(principal: Principal, ids: readonly string[]): Promise<DealershipRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => findDealerships(em, ids));
  }

  async update(
    principal: Principal,
    version: number,
    patch: DealershipPatch,
  ): Promise<DealershipRecord> {
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findDealerships(em, [principal.dealershipId]);
      if (!current) throw notFound('Your dealership record was not found.');
      const next = applyPatch(current, patch);
      const saved = await updateDealership(em, next, version);
      if (!saved) {
        throw conflict(
          `The dealership was changed by someone else (now version ${current.version}, you edited version ${version}). Reload and try again.`,
        );
      }
      await recordAudit(em, {
        source: 'admin',
        entityType: 'Dealership',
        entityId: saved.id,
        action: 'update',
        changes: changesOf(auditView(current), auditView(saved)),
      });
      return saved;
    });
  }
}

/** The profile as the audit trail compares it: the address flattened to one field per part. */
function auditView(d: DealershipRecord): Record<string, unknown> {
  const { address, hours, ...rest } = d;
  return {
    ...rest,
    hours: hours.map((h) => `${h.day} ${h.opens}–${h.closes}`).join(', '),
    ...Object.fromEntries(Object.entries(address).map(([k, v]) => [`address.${k}`, v])),
  };
}
