'use client';
// Revealing PII (SSN, dates of birth) is audited by the server. The button asks first, saying so; the
// clear value lives in the revealing component's state only, so it is gone once the user navigates
// away (or the component is re-keyed), never cached in the query client.
import { useState } from 'react';
import { Button, ErrorBanner, Modal } from './ui.tsx';

export function ConfirmReveal(props: {
  /** The button, e.g. "Reveal date of birth". */
  label: string;
  /** What is shown, for the confirmation: "the date of birth of Dana Whitfield". */
  what: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button type="button" busy={props.busy} onClick={() => setAsking(true)}>
        {props.label}
      </Button>
      <ErrorBanner error={props.error} />
      <Modal open={asking} onOpenChange={setAsking} title="Reveal in full?">
        <p>
          You are about to see {props.what}. Every reveal is recorded in the audit log with your
          name and the time. It is hidden again when you leave this page.
        </p>
        <div className="row">
          <Button
            variant="primary"
            autoFocus
            onClick={() => {
              setAsking(false);
              props.onConfirm();
            }}
          >
            Reveal (audited)
          </Button>
          <Button onClick={() => setAsking(false)}>Cancel</Button>
        </div>
      </Modal>
    </>
  );
}
