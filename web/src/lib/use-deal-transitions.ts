// The deal's status moves (submit, approve, …, unwind) as one `run(to, reason?, contract?)`: each mutation's
// answer is the deal as it now is, so the desk is read again after it.
import { useQueryClient } from '@tanstack/react-query';
import {
  useApproveDealMutation,
  useCancelDealMutation,
  useContractDealMutation,
  useDealQuery,
  useDeliverDealMutation,
  useRejectDealMutation,
  useReopenDealMutation,
  useSendDealToFinanceMutation,
  useSubmitDealMutation,
  useUnwindDealMutation,
  type DealContractInput,
  type DealDeskFragment,
} from '../generated/graphql.ts';

export function useDealTransitions(deal: DealDeskFragment) {
  const client = useQueryClient();
  const onSuccess = () =>
    client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) });
  const base = { id: deal.id, version: deal.version };
  const m = {
    SUBMITTED: useSubmitDealMutation({ onSuccess }),
    APPROVED: useApproveDealMutation({ onSuccess }),
    REJECTED: useRejectDealMutation({ onSuccess }),
    DRAFT: useReopenDealMutation({ onSuccess }),
    IN_FINANCE: useSendDealToFinanceMutation({ onSuccess }),
    CONTRACTED: useContractDealMutation({ onSuccess }),
    DELIVERED: useDeliverDealMutation({ onSuccess }),
    CANCELLED: useCancelDealMutation({ onSuccess }),
    UNWOUND: useUnwindDealMutation({ onSuccess }),
  };
  /** `reason` for reject/cancel/unwind; `contract` (lender, number, date) for CONTRACTED. */
  const run = (to: string, reason?: string, contract?: DealContractInput): Promise<unknown> => {
    switch (to) {
      case 'REJECTED':
        return m.REJECTED.mutateAsync({ ...base, reason: reason ?? '' });
      case 'CANCELLED':
        return m.CANCELLED.mutateAsync({ ...base, reason: reason ?? '' });
      case 'UNWOUND':
        return m.UNWOUND.mutateAsync({ ...base, reason: reason ?? '' });
      case 'APPROVED':
        return m.APPROVED.mutateAsync(base);
      case 'SUBMITTED':
        return m.SUBMITTED.mutateAsync(base);
      case 'DRAFT':
        return m.DRAFT.mutateAsync(base);
      case 'IN_FINANCE':
        return m.IN_FINANCE.mutateAsync(base);
      case 'CONTRACTED':
        return m.CONTRACTED.mutateAsync({ ...base, contract });
      case 'DELIVERED':
        return m.DELIVERED.mutateAsync(base);
      default:
        return Promise.reject(new Error(`Unknown transition ${to}`));
    }
  };
  const busy = Object.values(m).some((x) => x.isPending);
  const error = Object.values(m).find((x) => x.error)?.error ?? null;
  /** Forgets failed attempts and reads the deal again (after a CONFLICT). */
  const reload = () => {
    for (const x of Object.values(m)) x.reset();
    return client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) });
  };
  return { run, busy, error, reload };
}
