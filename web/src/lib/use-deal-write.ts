// The desk's edits (price structure, lists, scenarios): each mutation's answer is the deal as it now
// is, so it replaces the cached deal at once; the server grid and product costs are read again.
import { useQueryClient } from '@tanstack/react-query';
import {
  useDealProductCostsQuery,
  useDealQuery,
  useRemoveScenarioMutation,
  useSelectScenarioMutation,
  useUpdateDealMutation,
  useUpdateScenarioMutation,
  type DealDeskFragment,
} from '../generated/graphql.ts';

export function useDealWrite(deal: DealDeskFragment) {
  const client = useQueryClient();
  const key = useDealQuery.getKey({ id: deal.id });
  const store = (next: DealDeskFragment) => {
    client.setQueryData(key, { deal: next });
    void client.invalidateQueries({ queryKey: ['DealGrid'] });
    void client.invalidateQueries({ queryKey: useDealProductCostsQuery.getKey({ id: deal.id }) });
  };
  const update = useUpdateDealMutation({ onSuccess: (d) => store(d.updateDeal) });
  const updateScenario = useUpdateScenarioMutation({ onSuccess: (d) => store(d.updateScenario) });
  const removeScenario = useRemoveScenarioMutation({ onSuccess: (d) => store(d.removeScenario) });
  const selectScenario = useSelectScenarioMutation({ onSuccess: (d) => store(d.selectScenario) });
  /** Reads the deal again (after a CONFLICT) and forgets the failed attempts. */
  const reload = async () => {
    for (const m of [update, updateScenario, removeScenario, selectScenario]) m.reset();
    await client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['DealGrid'] });
  };
  return { update, updateScenario, removeScenario, selectScenario, reload };
}
