// Writes deploy/kustomize/base/ from the one SUBGRAPHS list: a Deployment, Service, HPA and
// PodDisruptionBudget for the router, each subgraph and the web app, the migration Job, the shared
// ConfigMap and the NetworkPolicies. A new subgraph gets its manifests by running this again
// (`npx tsx tools/src/deploy-manifests.ts`); tests/deploy.test.ts fails while the files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { SUBGRAPHS, subgraphEnvName } from '@autolytiq/kit/core';
import { ROOT } from './compose.ts';

export const BASE_DIR = `${ROOT}deploy/kustomize/base`;
const IMAGE = 'autolytiq';
const PORT = 8080;
// Long enough for a subgraph to finish its in-flight requests and close its pool (kit: server,
// then background work, bus, database); preStop waits first so endpoints drop the pod before SIGTERM.
const GRACE_SECONDS = 30;
const PRESTOP_SECONDS = 5;

type Doc = Record<string, unknown>;
const labels = (app: string, tier: string) => ({
  'app.kubernetes.io/name': app,
  'app.kubernetes.io/part-of': 'autolytiq',
  'autolytiq.io/tier': tier,
});
const secretEnv = (name: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: 'autolytiq-secrets', key } },
});
const optionalSecretEnv = (name: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: 'autolytiq-secrets', key, optional: true } },
});
const secretKey = (subgraph: string) => `subgraph-${subgraph}-secret`;

interface Workload {
  name: string;
  tier: 'router' | 'subgraph' | 'web';
  args: string[];
  env: Doc[];
  ready: string;
  health: string;
  cpu: string;
  memory: string;
  memoryLimit: string;
  minReplicas: number;
  maxReplicas: number;
}

function deployment(w: Workload): Doc {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, labels: labels(w.name, w.tier) },
    spec: {
      replicas: w.minReplicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': w.name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(w.name, w.tier) },
        spec: {
          terminationGracePeriodSeconds: GRACE_SECONDS,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: w.name,
              image: IMAGE,
              args: w.args,
              ports: [{ name: 'http', containerPort: PORT }],
              envFrom: [{ configMapRef: { name: 'autolytiq-config' } }],
              env: [
                { name: 'PORT', value: String(PORT) },
                { name: 'HOST', value: '0.0.0.0' },
                ...w.env,
              ],
              readinessProbe: {
                httpGet: { path: w.ready, port: 'http' },
                periodSeconds: 5,
                failureThreshold: 2,
              },
              livenessProbe: {
                httpGet: { path: w.health, port: 'http' },
                periodSeconds: 10,
                failureThreshold: 3,
                timeoutSeconds: 3,
              },
              startupProbe: {
                httpGet: { path: w.health, port: 'http' },
                periodSeconds: 2,
                failureThreshold: 60,
              },
              lifecycle: { preStop: { exec: { command: ['sleep', String(PRESTOP_SECONDS)] } } },
              resources: {
                requests: { cpu: w.cpu, memory: w.memory },
                limits: { memory: w.memoryLimit },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

const service = (w: Workload): Doc => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: w.name, labels: labels(w.name, w.tier) },
  spec: {
    selector: { 'app.kubernetes.io/name': w.name },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  },
});

const hpa = (w: Workload): Doc => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: w.name, labels: labels(w.name, w.tier) },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name },
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ],
  },
});

const pdb = (w: Workload): Doc => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: w.name, labels: labels(w.name, w.tier) },
  spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': w.name } } },
});

const url = (name: string, path: string) => `http://${name}${path}`;

export function workloads(): Workload[] {
  const subgraphWorkloads: Workload[] = SUBGRAPHS.map((s) => ({
    name: s.name,
    tier: 'subgraph',
    args: ['subgraph', s.name],
    env: [
      secretEnv('DATABASE_URL', 'database-url'),
      optionalSecretEnv('DATABASE_APP_URL', 'database-app-url'),
      secretEnv('SUBGRAPH_SECRET', secretKey(s.name)),
      secretEnv('AUTH_KEY_SECRET', 'auth-key-secret'),
      secretEnv('AUTH_REVOCATIONS_SECRET', 'auth-revocations-secret'),
      optionalSecretEnv('REDIS_URL', 'redis-url'),
      ...(s.name === 'auth'
        ? [
            secretEnv('SERVICE_TOKEN_SECRET', 'service-token-secret'),
            optionalSecretEnv('SMTP_URL', 'smtp-url'),
          ]
        : [{ name: 'AUTH_REVOCATIONS_URL', value: url('auth', '/internal/revoked-sessions') }]),
      ...(s.name === 'deals'
        ? [
            secretEnv('SERVICE_TOKEN_SECRET', 'service-token-secret'),
            { name: 'ROUTER_URL', value: 'http://router' },
          ]
        : []),
      ...(s.name === 'customers'
        ? [
            secretEnv('CUSTOMERS_PII_KEYS', 'customers-pii-keys'),
            { name: 'ROUTER_URL', value: 'http://router' },
          ]
        : []),
    ],
    ready: '/ready',
    health: '/health',
    cpu: '250m',
    memory: '256Mi',
    memoryLimit: '512Mi',
    minReplicas: 2,
    maxReplicas: 6,
  }));
  const router: Workload = {
    name: 'router',
    tier: 'router',
    args: ['router'],
    env: [
      optionalSecretEnv('REDIS_URL', 'redis-url'),
      ...SUBGRAPHS.flatMap((s) => [
        { name: subgraphEnvName(s.name, 'URL'), value: url(s.name, '/graphql') },
        secretEnv(subgraphEnvName(s.name, 'SECRET'), secretKey(s.name)),
      ]),
    ],
    ready: '/ready',
    health: '/health',
    cpu: '500m',
    memory: '384Mi',
    memoryLimit: '768Mi',
    minReplicas: 2,
    maxReplicas: 10,
  };
  const web: Workload = {
    name: 'web',
    tier: 'web',
    args: ['web'],
    env: [{ name: 'ROUTER_URL', value: 'http://router' }],
    ready: '/ready',
    health: '/health',
    cpu: '250m',
    memory: '256Mi',
    memoryLimit: '512Mi',
    minReplicas: 2,
    maxReplicas: 6,
  };
  return [router, ...subgraphWorkloads, web];
}

function configMap(): Doc {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'autolytiq-config', labels: { 'app.kubernetes.io/part-of': 'autolytiq' } },
    data: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AUTH_JWKS_URL: url('auth', '/.well-known/jwks.json'),
      WEB_URL: 'https://autolytiq.example.com',
      MAIL_FROM: 'Autolytiq <no-reply@autolytiq.example.com>',
      ROUTER_TRUST_PROXY: '1',
      APOLLO_TELEMETRY_DISABLED: '1',
      METADATA_SERVER_DETECTION: 'none',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  };
}

function migrationJob(): Doc {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'autolytiq-migrate', labels: labels('migrate', 'job') },
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: labels('migrate', 'job') },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              args: ['migrate'],
              envFrom: [{ configMapRef: { name: 'autolytiq-config' } }],
              env: [secretEnv('DATABASE_URL', 'database-url')],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { memory: '256Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

// Subgraphs accept traffic from the router only — and auth also from the other subgraphs, which
// read its JWKS, its revoked-sessions feed and (deals) its service tokens. The router and the web
// app take traffic from anywhere in the cluster (an Ingress sits in front); PostgreSQL and Redis
// are outside and not covered here.
function networkPolicies(): Doc[] {
  const tier = (t: string) => ({ podSelector: { matchLabels: { 'autolytiq.io/tier': t } } });
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'subgraphs-from-router-only' },
      spec: {
        podSelector: {
          matchLabels: { 'autolytiq.io/tier': 'subgraph' },
          matchExpressions: [
            { key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['auth'] },
          ],
        },
        policyTypes: ['Ingress'],
        ingress: [{ from: [tier('router')], ports: [{ protocol: 'TCP', port: PORT }] }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'auth-from-router-and-subgraphs' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'auth' } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [tier('router'), tier('subgraph')], ports: [{ protocol: 'TCP', port: PORT }] },
        ],
      },
    },
  ];
}

/** File name → YAML text of the base. */
export function baseFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const yaml = (docs: Doc[]) => docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  const header =
    '# Generated by tools/src/deploy-manifests.ts from the SUBGRAPHS list: edit that, not this.\n';
  for (const w of workloads())
    files[`${w.name}.yaml`] = header + yaml([deployment(w), service(w), hpa(w), pdb(w)]);
  files['config.yaml'] = header + yaml([configMap()]);
  files['migrate-job.yaml'] = header + yaml([migrationJob()]);
  files['network-policies.yaml'] = header + yaml(networkPolicies());
  const resources = Object.keys(files).sort();
  files['kustomization.yaml'] =
    header +
    stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      labels: [{ pairs: { 'app.kubernetes.io/part-of': 'autolytiq' } }],
      resources,
    });
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(BASE_DIR, { recursive: true });
  for (const [name, text] of Object.entries(baseFiles()))
    writeFileSync(`${BASE_DIR}/${name}`, text);
  console.log(`wrote ${Object.keys(baseFiles()).length} files to ${BASE_DIR}`);
}
