// Small building blocks on the design tokens of globals.css; Radix primitives where behaviour matters.
'use client';
import * as Dialog from '@radix-ui/react-dialog';
import * as Label from '@radix-ui/react-label';
import { useRef, type ButtonHTMLAttributes, type ReactNode, type Ref } from 'react';
import { describeError } from '../lib/errors.ts';

export function Field(props: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <Label.Root htmlFor={props.id}>{props.label}</Label.Root>
      {props.children}
      {props.error ? (
        <span className="error" role="alert" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

export function Button({
  busy,
  variant = 'default',
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  ref?: Ref<HTMLButtonElement>;
  busy?: boolean;
  variant?: 'default' | 'primary' | 'danger';
}) {
  const cls = variant === 'default' ? 'btn' : `btn btn-${variant}`;
  return (
    <button
      className={cls}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? 'Working…' : children}
    </button>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="banner-error" role="alert">
      {describeError(error)}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return <div className="empty">Loading…</div>;
}

/**
 * A dialog opened by state (no Radix trigger): on close, focus goes back to the control that was
 * focused when it opened (the button that opened it), which Radix does only for its own trigger.
 */
export function Modal(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
}) {
  const opener = useRef<HTMLElement | null>(null);
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog"
          aria-describedby={undefined}
          onOpenAutoFocus={() => {
            const active = document.activeElement;
            opener.current =
              active instanceof HTMLElement && active !== document.body ? active : null;
          }}
          onCloseAutoFocus={(e) => {
            const target = opener.current;
            if (target?.isConnected) {
              e.preventDefault();
              target.focus();
            }
          }}
        >
          <Dialog.Title>{props.title}</Dialog.Title>
          {props.children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function LoadMore(props: { hasNext: boolean; busy: boolean; onMore: () => void }) {
  if (!props.hasNext) return null;
  return (
    <div className="row" style={{ justifyContent: 'center', marginTop: 12 }}>
      <Button busy={props.busy} onClick={props.onMore}>
        Load more
      </Button>
    </div>
  );
}
