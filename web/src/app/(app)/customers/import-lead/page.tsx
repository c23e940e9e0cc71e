'use client';
import Link from 'next/link';
import { useState } from 'react';
import { LeadVehicles } from '../../../../components/lead-vehicles.tsx';
import { Button, ErrorBanner, Field } from '../../../../components/ui.tsx';
import { useImportAdfLeadMutation } from '../../../../generated/graphql.ts';

export default function ImportLeadPage() {
  const [xml, setXml] = useState('');
  const importLead = useImportAdfLeadMutation();
  const result = importLead.data?.importAdfLead;
  return (
    <>
      <h1>Import an ADF lead</h1>
      <div className="card">
        <Field id="adf-xml" label="ADF/XML lead (paste, or choose a file)">
          <textarea
            id="adf-xml"
            rows={12}
            className="mono"
            value={xml}
            onChange={(e) => setXml(e.target.value)}
          />
        </Field>
        <div className="row" style={{ marginTop: 12 }}>
          <input
            type="file"
            accept=".xml,.adf,text/xml"
            aria-label="ADF file"
            onChange={(e) => void e.target.files?.[0]?.text().then(setXml)}
          />
          <Button
            variant="primary"
            busy={importLead.isPending}
            disabled={!xml.trim()}
            onClick={() => importLead.mutate({ xml })}
          >
            Import lead
          </Button>
        </div>
      </div>
      <ErrorBanner error={importLead.error} />
      {result ? (
        <div className="card" data-testid="lead-result">
          <div className="banner-ok">
            {result.alreadyImported
              ? 'This lead was imported before; nothing new was written.'
              : result.matchedExisting
                ? 'Matched an existing customer; the lead is on their timeline.'
                : 'New customer created from the lead.'}{' '}
            <Link href={`/customers/${result.customer.id}`}>{result.customer.displayName}</Link>
          </div>
          <LeadVehicles lead={result} />
          {result.warnings.map((w, i) => (
            <div key={i} className="banner-warn">
              {w.message}
            </div>
          ))}
        </div>
      ) : null}
    </>
  );
}
