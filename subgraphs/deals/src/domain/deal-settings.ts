// The dealership's deal settings (doc fee, low-gross threshold, reserve share, numbering, limits):
// read by every write, changed by an admin with a version check.
import { badInput, changesOf, conflict, recordAudit, type Principal } from '@autolytiq/kit';
import * as events from '../store/events-store.ts';
import { DealQueries } from './deal-queries.ts';
import * as parse from './inputs.ts';
import type { DealSettingsRecord } from './records.ts';

export interface DealSettingsChange {
  defaultDocFee?: string | null;
  lowGrossThreshold?: string | null;
  reserveShare?: string | null;
  firstDealNumber?: number | null;
  maxTermMonths?: number | null;
  maxDocFee?: string | null;
}

export class DealSettingsService extends DealQueries {
  settings(p: Principal): Promise<DealSettingsRecord> {
    return this.db.withTenant(this.tenant(p), (em) => events.readSettings(em));
  }

  async updateSettings(
    p: Principal,
    version: number,
    input: DealSettingsChange,
  ): Promise<DealSettingsRecord> {
    const defaultDocFee = parse.settingsAmount('input.defaultDocFee', input.defaultDocFee);
    const lowGross = parse.settingsAmount('input.lowGrossThreshold', input.lowGrossThreshold, true);
    const share = parse.fraction('input.reserveShare', input.reserveShare);
    const firstNumber = parse.dealNumber('input.firstDealNumber', input.firstDealNumber);
    const maxTerm = parse.maxTermMonths('input.maxTermMonths', input.maxTermMonths);
    const maxDocFee = parse.settingsAmount('input.maxDocFee', input.maxDocFee);
    return this.db.withTenant(this.tenant(p), async (em) => {
      const current = await events.readSettings(em);
      if (current.version !== version) {
        throw conflict(`The settings changed (version ${current.version}); reload and retry.`);
      }
      const next: DealSettingsRecord = {
        ...current,
        defaultDocFee: defaultDocFee ?? current.defaultDocFee,
        lowGrossThreshold: lowGross ?? current.lowGrossThreshold,
        reserveShare: share ?? current.reserveShare,
        maxTermMonths: maxTerm ?? current.maxTermMonths,
        maxDocFee: maxDocFee ?? current.maxDocFee,
      };
      if (!(await events.writeSettings(em, p.dealershipId, next, version))) {
        throw conflict('The settings changed meanwhile; reload and retry.');
      }
      if (
        firstNumber !== null &&
        firstNumber !== current.firstDealNumber &&
        !(await events.writeFirstDealNumber(em, p.dealershipId, firstNumber))
      ) {
        // Rolls the whole change back: numbers already given are never renumbered.
        throw badInput(
          'input.firstDealNumber',
          'Deal numbering has started; firstDealNumber can be changed only before the first deal.',
        );
      }
      const saved = await events.readSettings(em);
      await recordAudit(em, {
        source: 'deals',
        entityType: 'DealSettings',
        entityId: p.dealershipId,
        action: 'update',
        changes: changesOf(
          current as unknown as Record<string, unknown>,
          saved as unknown as Record<string, unknown>,
          { ignore: ['version', 'updatedAt', 'lastDealNumber'] },
        ),
      });
      return saved;
    });
  }
}
