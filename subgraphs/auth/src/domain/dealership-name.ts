// The dealership's name as auth's mail and authenticator labels show it. Auth keeps its own copy
// (auth.dealership_settings, set when the dealership is provisioned) so it never asks another subgraph
// while it renders; a rename happens in the admin subgraph, which records it in the platform's audit
// trail (audit.entries, same transaction as the rename; a change is {f: field, a: from, b: to}). The
// newest `name` change found there wins over the copy, and the copy is brought up to date, so it
// stays right after the audit retention purge removes the entry. Read in the caller's tenant transaction: RLS shows only its dealership.
import type { EntityManager } from '@autolytiq/kit';

export async function dealershipNameOf(em: EntityManager, dealershipId: string): Promise<string> {
  const rows = await em.execute<Array<{ renamed: string | null; copy: string | null }>>(
    `select (select c->>'b'
               from audit.entries a, jsonb_array_elements(a.changes) c
              where a.dealership_id = ? and a.entity_type = 'Dealership' and a.entity_id = ?
                and c->>'f' = 'name' and not coalesce((c->>'s')::boolean, false)
              order by a.at desc, a.id desc
              limit 1) as renamed,
            (select dealership_name from auth.dealership_settings where dealership_id = ?) as copy`,
    [dealershipId, dealershipId, dealershipId],
  );
  const { renamed, copy } = rows[0] ?? { renamed: null, copy: null };
  if (renamed && renamed !== copy) {
    await setDealershipName(em, dealershipId, renamed);
    return renamed.slice(0, 200);
  }
  return copy ?? '';
}

/**
 * Sets auth's copy of the dealership name. Called when a dealership is provisioned; renames reach it
 * through dealershipNameOf.
 */
export async function setDealershipName(
  em: EntityManager,
  dealershipId: string,
  name: string,
): Promise<void> {
  await em.execute(
    `insert into auth.dealership_settings (dealership_id, dealership_name) values (?, ?)
     on conflict (dealership_id) do update set dealership_name = excluded.dealership_name,
       version = auth.dealership_settings.version + 1, updated_at = now()`,
    [dealershipId, name.slice(0, 200)],
  );
}
