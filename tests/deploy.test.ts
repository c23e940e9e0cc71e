// deploy/: the Kubernetes manifests validate offline against the Kubernetes API schemas (the
// kubernetes-models package), the base is what the SUBGRAPHS list generates, every Deployment has
// the probes, requests, grace period and non-root settings the platform relies on, only the router
// reaches the subgraphs, and the image's entrypoint starts the right compiled process.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { SUBGRAPHS } from '@autolytiq/kit/core';
import { ROOT } from '@autolytiq/tools/compose.ts';
import { BASE_DIR, baseFiles } from '@autolytiq/tools/deploy-manifests.ts';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/Namespace': Namespace,
};

type Doc = Record<string, any>;
const docsOf = (text: string): Doc[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Doc)
    .filter(Boolean);
const baseDocs = (): Doc[] =>
  readdirSync(BASE_DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => docsOf(readFileSync(`${BASE_DIR}/${f}`, 'utf8')));

function validate(doc: Doc): void {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc).validate(); // throws with the JSON-schema path of what is wrong
}

describe('Kubernetes manifests', () => {
  it('the base is what tools/src/deploy-manifests.ts generates from SUBGRAPHS (run it after adding one)', () => {
    for (const [name, text] of Object.entries(baseFiles())) {
      expect(readFileSync(`${BASE_DIR}/${name}`, 'utf8'), name).toBe(text);
    }
  });

  it('every document of the base and the example overlay validates against the API schemas', () => {
    const overlay = `${ROOT}deploy/kustomize/overlays/example`;
    const docs = [
      ...baseDocs(),
      ...readdirSync(overlay)
        .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .flatMap((f) => docsOf(readFileSync(`${overlay}/${f}`, 'utf8')))
        // Patches are partial by design; the namespace is whole.
        .filter((d) => d.kind === 'Namespace'),
    ];
    expect(docs.length).toBeGreaterThan(30);
    for (const doc of docs)
      expect(() => validate(doc), `${doc.kind} ${doc.metadata?.name}`).not.toThrow();
    // A broken document must fail (the validation is real).
    const broken = structuredClone(docs.find((d) => d.kind === 'Deployment')!);
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow();
  });

  it('router, each subgraph and the web app: Deployment with probes, requests, grace, non-root; HPA; PDB; Service', () => {
    const docs = baseDocs();
    const names = ['router', 'web', ...SUBGRAPHS.map((s) => s.name)];
    for (const name of names) {
      const of = (kind: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
      const dep = of('Deployment');
      expect(dep, name).toBeDefined();
      const pod = dep!.spec.template.spec;
      const c = pod.containers[0];
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(
        Number(c.lifecycle.preStop.exec.command[1]),
      );
      expect(c.resources.requests.cpu).toBeTruthy();
      expect(c.resources.requests.memory).toBeTruthy();
      expect(c.readinessProbe.httpGet.path).toBe('/ready');
      expect(c.livenessProbe.httpGet.path).toBe('/health');
      expect(c.args[0]).toBe(name === 'router' || name === 'web' ? name : 'subgraph');
      expect(of('HorizontalPodAutoscaler')?.spec.metrics[0].resource.name).toBe('cpu');
      expect(of('PodDisruptionBudget')?.spec.minAvailable).toBe(1);
      expect(of('Service')?.spec.selector['app.kubernetes.io/name']).toBe(name);
    }
    const job = docs.find((d) => d.kind === 'Job')!;
    expect(job.spec.template.spec.containers[0].args).toEqual(['migrate']);
  });

  it('only the router reaches the subgraphs (auth also from subgraphs: JWKS, revocations, service tokens)', () => {
    const policies = baseDocs().filter((d) => d.kind === 'NetworkPolicy');
    const selects = (p: Doc, name: string) => {
      const s = p.spec.podSelector;
      if (s.matchLabels['app.kubernetes.io/name'])
        return s.matchLabels['app.kubernetes.io/name'] === name;
      const excluded = (s.matchExpressions ?? []).some(
        (e: Doc) => e.operator === 'NotIn' && e.values.includes(name),
      );
      return s.matchLabels['autolytiq.io/tier'] === 'subgraph' && !excluded;
    };
    for (const s of SUBGRAPHS) {
      const mine = policies.filter((p) => selects(p, s.name));
      expect(mine, s.name).toHaveLength(1);
      const from = mine[0]!.spec.ingress.flatMap((i: Doc) =>
        i.from.map((f: Doc) => f.podSelector.matchLabels['autolytiq.io/tier']),
      );
      expect(from.sort(), s.name).toEqual(s.name === 'auth' ? ['router', 'subgraph'] : ['router']);
    }
  });

  it('kustomize builds the example overlay (when kubectl is installed)', () => {
    const has = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    if (has.status !== 0) return; // kubectl is optional on a developer machine; the files above are checked anyway
    const out = execFileSync('kubectl', ['kustomize', `${ROOT}deploy/kustomize/overlays/example`], {
      encoding: 'utf8',
    });
    const docs = docsOf(out);
    for (const doc of docs)
      expect(() => validate(doc), `${doc.kind} ${doc.metadata?.name}`).not.toThrow();
    expect(
      docs
        .filter((d) => d.kind === 'Deployment')
        .every((d) => d.metadata.namespace === 'autolytiq'),
    ).toBe(true);
    const images = docs
      .filter((d) => d.kind === 'Deployment' || d.kind === 'Job')
      .map((d) => d.spec.template.spec.containers[0].image);
    expect(new Set(images)).toEqual(new Set(['registry.example.com/autolytiq:0.1.0']));
    expect(
      docs.find((d) => d.kind === 'HorizontalPodAutoscaler' && d.metadata.name === 'router')!.spec
        .minReplicas,
    ).toBe(3);
  });
});

describe('the image entrypoint', () => {
  const entry = `${ROOT}deploy/entrypoint.sh`;
  const dry = (...args: string[]) =>
    spawnSync('sh', [entry, ...args], {
      encoding: 'utf8',
      env: { ...process.env, AUTOLYTIQ_DRY_RUN: '1', APP_DIR: '/app' },
    });

  it('starts the compiled process each manifest asks for, on plain node', () => {
    expect(dry('router').stdout.trim()).toBe('node /app/dist/current/router/src/main.js');
    expect(dry('migrate').stdout.trim()).toBe('node /app/dist/current/tools/src/migrate.js');
    for (const s of SUBGRAPHS) {
      expect(dry('subgraph', s.name).stdout.trim()).toBe(
        `node /app/dist/current/subgraphs/${s.name}/src/main.js`,
      );
    }
    expect(dry('web').stdout.trim()).toBe('node /app/web/server.mjs');
  });

  it('refuses an unknown process or a bad subgraph name', () => {
    expect(dry('bogus').status).toBe(64);
    expect(dry('subgraph', '../etc').status).toBe(64);
    expect(dry('subgraph').status).toBe(64);
  });

  it('the Dockerfile is multi-stage, installs production dependencies only, and runs as non-root', () => {
    const text = readFileSync(`${ROOT}deploy/Dockerfile`, 'utf8');
    expect(text.match(/^FROM /gm)).toHaveLength(2);
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(text).toMatch(/^USER 10001/m);
    expect(text).toMatch(/ENTRYPOINT \["\/usr\/local\/bin\/autolytiq"\]/);
  });
});
