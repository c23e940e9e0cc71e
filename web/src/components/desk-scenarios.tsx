'use client';
// The desk's scenarios side by side: select, edit terms (a dialog, loaded on demand with the form
// library), remove. Edits that send an approved deal back are confirmed first (`confirm`).
import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { DealDeskFragment } from '../generated/graphql.ts';
import { titleCase } from '../lib/format.ts';
import type { useDealWrite } from '../lib/use-deal-write.ts';
import { EditError } from './deal-guard.tsx';
import { ScenarioCard } from './deal-parts.tsx';
import { Button, Loading, Modal } from './ui.tsx';

const ScenarioEditor = dynamic(
  () => import('./scenario-editor.tsx').then((m) => m.ScenarioEditor),
  {
    ssr: false,
    loading: () => <Loading />,
  },
);

export function DeskScenarios(props: {
  deal: DealDeskFragment;
  canEdit: boolean;
  write: ReturnType<typeof useDealWrite>;
  confirm: (action: () => void) => void;
}) {
  const { deal, canEdit, write, confirm } = props;
  const [termsOf, setTermsOf] = useState<string | null>(null);
  const busy =
    write.selectScenario.isPending ||
    write.removeScenario.isPending ||
    write.updateScenario.isPending;
  const error = write.selectScenario.error ?? write.removeScenario.error;
  const edited = deal.scenarios.find((s) => s.id === termsOf);
  const args = (scenarioId: string) => ({ dealId: deal.id, version: deal.version, scenarioId });
  const select = (id: string) =>
    confirm(() => void write.selectScenario.mutateAsync(args(id)).catch(() => undefined));
  const remove = (id: string) =>
    confirm(() => void write.removeScenario.mutateAsync(args(id)).catch(() => undefined));
  return (
    <>
      <h2>Scenarios</h2>
      <EditError error={error} onReload={() => void write.reload()} />
      <div className="scenarios">
        {deal.scenarios.map((s) => {
          const label = s.name ?? titleCase(s.kind);
          return (
            <ScenarioCard key={s.id} s={s}>
              {canEdit ? (
                <div className="row no-print" aria-label={`${label} actions`}>
                  {!s.selected ? (
                    <Button busy={busy} aria-label={`Select ${label}`} onClick={() => select(s.id)}>
                      Select
                    </Button>
                  ) : null}
                  {s.kind !== 'CASH' ? (
                    <Button
                      aria-label={`Edit terms of ${label}`}
                      onClick={() => (write.updateScenario.reset(), setTermsOf(s.id))}
                    >
                      Edit terms
                    </Button>
                  ) : null}
                  <Button
                    variant="danger"
                    busy={busy}
                    aria-label={`Remove ${label}`}
                    onClick={() => remove(s.id)}
                  >
                    Remove
                  </Button>
                </div>
              ) : null}
            </ScenarioCard>
          );
        })}
      </div>
      <Modal
        open={!!edited && canEdit}
        onOpenChange={(open) => !open && setTermsOf(null)}
        title={`Terms: ${edited?.name ?? titleCase(edited?.kind ?? '')}`}
      >
        {edited ? (
          <ScenarioEditor
            key={edited.id}
            scenario={edited}
            deal={deal}
            busy={write.updateScenario.isPending}
            error={write.updateScenario.error}
            onSave={async (input) => {
              await write.updateScenario.mutateAsync({ ...args(edited.id), input });
              setTermsOf(null);
            }}
            onCancel={() => setTermsOf(null)}
            onReload={() => void write.reload()}
          />
        ) : null}
      </Modal>
    </>
  );
}
