// Desking: add, change, remove and select a deal's scenarios, each through the one edit path.
import type { ScenarioInput } from '../generated/resolvers-types.ts';
import type { Caller } from './deal-base.ts';
import { keepBuyRate } from './cost-rules.ts';
import { blankScenario, scenarioOf } from './deal-edits.ts';
import { DealWrites } from './deal-writes.ts';
import * as parse from './inputs.ts';
import type { ScenarioRecord } from './records.ts';

export class DealScenarioWrites extends DealWrites {
  async addScenario(c: Caller, dealId: string, version: number, input: ScenarioInput) {
    const s = parse.scenario('input', input);
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_ADDED', (deal) => {
      const first = deal.scenarios.length === 0;
      const added: ScenarioRecord = {
        ...blankScenario(deal.id, deal.scenarios.length),
        kind: s.kind,
        name: s.name,
        finance: s.finance,
        lease: s.lease,
        selected: first || s.select,
      };
      const others = deal.scenarios.map((o) => ({
        ...o,
        selected: added.selected ? false : o.selected,
      }));
      return {
        terms: { ...deal, localRate },
        scenarios: [...others, added],
        scenarioField: 'input',
      };
    });
  }

  async updateScenario(
    c: Caller,
    dealId: string,
    version: number,
    scenarioId: string,
    input: ScenarioInput,
  ) {
    const s = parse.scenario('input', input);
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_UPDATED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      if (!c.principal.permissions.includes('deals.gross.read')) {
        keepBuyRate(s.finance, found.finance);
      }
      const scenarios = deal.scenarios.map((o) => {
        if (o.id === found.id) {
          return {
            ...o,
            kind: s.kind,
            name: s.name,
            finance: s.finance,
            lease: s.lease,
            selected: o.selected || s.select,
          };
        }
        return s.select ? { ...o, selected: false } : o;
      });
      return { terms: { ...deal, localRate }, scenarios, scenarioField: 'input' };
    });
  }

  async removeScenario(c: Caller, dealId: string, version: number, scenarioId: string) {
    const localRate = await this.currentRate(c, dealId, version);
    return this.edit(c.principal, dealId, version, 'SCENARIO_REMOVED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      const rest = deal.scenarios.filter((s) => s.id !== found.id);
      // Removing the selected one selects the first remaining, so a desked deal keeps a selection.
      if (found.selected && rest[0]) rest[0] = { ...rest[0], selected: true };
      return { terms: { ...deal, localRate }, scenarios: rest };
    });
  }

  async selectScenario(c: Caller, dealId: string, version: number, scenarioId: string) {
    return this.edit(c.principal, dealId, version, 'SCENARIO_SELECTED', (deal) => {
      const found = scenarioOf(deal, scenarioId);
      const scenarios = deal.scenarios.map((s) => ({ ...s, selected: s.id === found.id }));
      return { terms: deal, scenarios, recompute: false };
    });
  }
}
