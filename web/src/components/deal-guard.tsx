'use client';
// What every desk edit shares, kept light for the desk's first load: a CONFLICT shown as "reload",
// and the confirmation before an edit sends the deal back for approval.
import { useState, type ReactNode } from 'react';
import { isConflict, resubmitWarning, type EditState } from '../lib/deal-status.ts';
import { Button, ErrorBanner, Modal } from './ui.tsx';

/** A failed edit: "reload" for a CONFLICT, otherwise the error with its request id. */
export function EditError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  if (isConflict(error))
    return (
      <div className="banner-error row" role="alert" data-testid="deal-conflict">
        Someone else changed this deal — reload to see their changes.
        <Button type="button" onClick={onReload}>
          Reload
        </Button>
      </div>
    );
  return <ErrorBanner error={error} />;
}

/** Runs an edit at once, or after a confirmation when it sends the deal back for approval. */
export function useResubmitGuard(deal: EditState) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const warning = resubmitWarning(deal);
  const run = (action: () => void) => (warning ? setPending(() => action) : action());
  const dialog: ReactNode = (
    <Modal
      open={pending !== null}
      onOpenChange={(open) => !open && setPending(null)}
      title="Send back for approval?"
    >
      <p>{warning}</p>
      <div className="row">
        <Button
          variant="primary"
          autoFocus
          onClick={() => {
            const action = pending;
            setPending(null);
            action?.();
          }}
        >
          Change and resubmit
        </Button>
        <Button onClick={() => setPending(null)}>Back</Button>
      </div>
    </Modal>
  );
  return { run, dialog, warning };
}
