'use client';
// Second factor: enroll (QR code + the secret for typing by hand) → confirm with a code → backup
// codes shown once; new backup codes; turn off. The QR code is our server's SVG shown as an image,
// so nothing in it can run as page script.
import { useState } from 'react';
import { fieldErrors } from '../lib/errors.ts';
import { identity, useAction } from '../lib/identity.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

function BackupCodes({ codes }: { codes: string[] }) {
  return (
    <div className="banner-warn" data-testid="backup-codes">
      <p>
        Backup codes — each works once if you lose your phone. Save them now: they are not shown
        again.
      </p>
      <ul style={{ columns: 2, fontFamily: 'monospace' }}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

function CodeForm(props: {
  label: string;
  button: string;
  variant?: 'primary' | 'danger';
  busy: boolean;
  error: unknown;
  onCode: (code: string) => void;
}) {
  const [code, setCode] = useState('');
  const errors = fieldErrors(props.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onCode(code.trim());
      }}
    >
      <ErrorBanner error={errors.code ? null : props.error} />
      <Field id={`code-${props.button}`} label={props.label} error={errors.code}>
        <input
          id={`code-${props.button}`}
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <div style={{ height: 8 }} />
      <Button type="submit" variant={props.variant ?? 'primary'} busy={props.busy}>
        {props.button}
      </Button>
    </form>
  );
}

export function SecondFactor(props: {
  status: { enabled: boolean; backupCodesLeft: number };
  onChange: () => void;
}) {
  const enroll = useAction(identity.enrollTotp);
  const confirm = useAction(identity.confirmTotp);
  const regenerate = useAction(identity.regenerateBackupCodes);
  const disable = useAction(identity.disableTotp);
  const codes = confirm.result ?? regenerate.result;
  if (props.status.enabled)
    return (
      <div>
        <p data-testid="mfa-status">
          On: sign-in asks for a code from your authenticator app. Backup codes left:{' '}
          {props.status.backupCodesLeft}.
        </p>
        {codes ? <BackupCodes codes={codes} /> : null}
        <CodeForm
          label="Code from your app"
          button="New backup codes"
          busy={regenerate.busy}
          error={regenerate.error}
          onCode={async (code) => {
            if (await regenerate.run(code)) props.onChange();
          }}
        />
        <div style={{ height: 12 }} />
        <CodeForm
          label="Code from your app, or a backup code"
          button="Turn off"
          variant="danger"
          busy={disable.busy}
          error={disable.error}
          onCode={async (code) => {
            if (await disable.run(code)) props.onChange();
          }}
        />
      </div>
    );
  const enrollment = enroll.result;
  return (
    <div>
      <p data-testid="mfa-status">
        Off. Turn it on so a stolen password alone cannot sign in as you.
      </p>
      <ErrorBanner error={enroll.error} />
      {!enrollment ? (
        <Button variant="primary" busy={enroll.busy} onClick={() => void enroll.run()}>
          Set up an authenticator app
        </Button>
      ) : (
        <div>
          <p>
            Scan this code with your authenticator app (Google Authenticator, Authy, 1Password…):
          </p>
          <img
            data-testid="totp-qr"
            alt="QR code for your authenticator app"
            width={200}
            height={200}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrCodeSvg)}`}
          />
          <p>
            Or type this key: <code data-testid="totp-secret">{enrollment.secret}</code>
          </p>
          <CodeForm
            label="Then enter the 6-digit code it shows"
            button="Turn on"
            busy={confirm.busy}
            error={confirm.error}
            onCode={async (code) => {
              if (await confirm.run(code)) props.onChange();
            }}
          />
        </div>
      )}
    </div>
  );
}
