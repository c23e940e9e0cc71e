// GraphQL Code Generator: resolver types for every subgraph from its schema.graphql (schema-first:
// the SDL is the source, these files are outputs). The web app's hooks are added here when web/ lands.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SUBGRAPHS } from './subgraphs/kit/src/subgraphs.ts';

// Every subgraph in the one SUBGRAPHS list gets resolver types. Mappers (optional, per subgraph) say
// which domain record a resolver returns for a GraphQL type; paths are relative to src/generated/.
const SUBGRAPH_MAPPERS: Record<string, Record<string, string>> = {
  auth: {
    User: '../domain/users.ts#UserParent',
    UserConnection: '../domain/user-admin.ts#UserPage',
    Role: '../domain/role-admin.ts#RoleView',
    LoginResult: '../domain/auth-service.ts#LoginOutcome',
    AuthEvent: '../store/audit-store.ts#AuthEventRecord',
    ApiClient: '../store/api-clients-store.ts#ApiClientRecord',
    ApiClientSecret: '../domain/api-clients.ts#NewClientSecret',
  },
  admin: {
    Dealership: '../domain/dealerships.ts#DealershipRecord',
    Presence: '../domain/presence.ts#PresenceRecord',
    PresenceChange: '../domain/presence.ts#PresenceChangeRecord',
    AuditEntry: '../store/audit-store.ts#AuditEntryRecord',
  },
  calc: {
    StateTaxRules: '../engine/index.ts#StateTaxRulesView',
    StateTaxRuleVersion: '../engine/index.ts#StateRuleVersion',
    LocalTaxRate: '../store/local-rates-store.ts#StoredLocalRate',
    SchedulePayment: '../engine/index.ts#ScheduleRow',
    FinanceDeal: '../engine/index.ts#FinanceDealResult',
    LeaseDeal: '../engine/index.ts#LeaseDealResult',
    AprResult: '../engine/index.ts#AprFromScheduleResult',
  },
  customers: {
    Customer: '../domain/customers.ts#CustomerRecord',
    CustomerConnection: '../domain/customer-service.ts#CustomerPage',
    CustomerNote: '../store/timeline-store.ts#NoteRecord',
    CustomerActivity: '../store/timeline-store.ts#ActivityRecord',
    CreateCustomerPayload: '../domain/customer-service.ts#CreateResult',
    CreditApplication: '../domain/credit-application.ts#CreditApplicationRecord',
    CreditApplicant: '../domain/credit-application.ts#ApplicantRecord',
    CreditApplicationPii: '../domain/credit-service.ts#PiiReveal',
    PiiRevealAudit: '../store/credit-store.ts#PiiRevealRecord',
    CreditApplicationChange: '../store/credit-store.ts#CreditApplicationChangeRecord',
    CustomerDateOfBirthReveal: '../domain/customer-service.ts#CustomerDobReveal',
    AdfLeadImport: '../domain/lead-import.ts#LeadImportResult',
  },
  inventory: {
    Vehicle: '../domain/vehicles.ts#VehicleRecord',
    VehicleConnection: '../domain/vehicle-service.ts#VehiclePage',
    VinCheck: '../domain/vin.ts#VinCheckResult',
    VinDecode: '../domain/vin-decoder.ts#VinDecodeResult',
    VehicleImport: '../domain/vehicle-service.ts#VehicleImportResult',
    VehicleImportJob: '../store/import-jobs-store.ts#ImportJobRecord',
  },
  ai: {
    AssistantConversation: '../domain/records.ts#ConversationRecord',
    AssistantEvent: '../domain/records.ts#AssistantEventRecord',
  },
  deals: {
    Deal: '../domain/records.ts#DealRecord',
    DealScenario: '../domain/records.ts#ScenarioRecord',
    TradeIn: '../domain/records.ts#TradeInRecord',
    DealProduct: '../domain/records.ts#ProductRecord',
    DealRebate: '../domain/records.ts#RebateRecord',
    FinanceTerms: '../domain/records.ts#FinanceTermsRecord',
    LeaseTerms: '../domain/records.ts#LeaseTermsRecord',
    DealEvent: '../domain/records.ts#DealEventRecord',
    DealSettings: '../domain/records.ts#DealSettingsRecord',
    DealConnection: '../domain/records.ts#DealPage',
    DealGross: '../domain/gross.ts#GrossProfit',
    DealPaymentGrid: '../domain/scenarios.ts#GridView',
  },
  ml: {
    MlModel: '../store/models-store.ts#ModelRecord',
    MlJob: '../store/jobs-store.ts#JobRecord',
    MlSegmentReport: '../domain/segment-service.ts#SegmentReport',
    MlSegment: '../domain/segment-service.ts#SegmentInfo',
    CustomerSegment: '../domain/segment-service.ts#CustomerSegmentView',
    MlOutlierDeal: '../domain/segment-service.ts#OutlierDealView',
    DealStrategyRecommendation: '../domain/prime-service.ts#Recommendation',
    TeamStatus: '../domain/team-model.ts#TeamStatusRecord',
    TeamMemberStatus: '../domain/team-model.ts#TeamMember',
    TeamBottleneck: '../domain/team-model.ts#Bottleneck',
    MentoringPair: '../domain/team-model.ts#MentoringPairRecord',
    LeadAssignment: '../domain/team-model.ts#LeadAssignmentRecord',
  },
};

// Resolvers may return decimal.js values where the schema says Decimal; the scalar serializes them.
const SCALARS = {
  DateTime: 'Date | string',
  Date: 'string',
  Decimal: { input: 'string', output: "import('decimal.js').Decimal | string" },
};

const unknown = Object.keys(SUBGRAPH_MAPPERS).filter((n) => !SUBGRAPHS.some((s) => s.name === n));
if (unknown.length > 0) throw new Error(`codegen.ts has mappers for unknown subgraphs: ${unknown}`);

const generates: CodegenConfig['generates'] = {};
for (const { name } of SUBGRAPHS) {
  const mappers = SUBGRAPH_MAPPERS[name] ?? {};
  generates[`subgraphs/${name}/src/generated/resolvers-types.ts`] = {
    schema: `subgraphs/${name}/schema.graphql`,
    plugins: [
      {
        add: { content: '/* Generated by `npm run codegen` from schema.graphql. Do not edit. */' },
      },
      'typescript',
      'typescript-resolvers',
    ],
    config: {
      federation: true,
      useIndexSignature: true,
      contextType: '@autolytiq/kit#RequestContext',
      mappers,
      scalars: SCALARS,
      enumsAsTypes: true,
      useTypeImports: true,
      emitLegacyCommonJSImports: false,
    },
  };
}

// The web app: one TanStack Query hook per operation written in web/src/operations, typed against the
// composed supergraph; every request goes through the app's own fetcher (token, refresh, errors).
generates['web/src/generated/graphql.ts'] = {
  schema: 'schema/supergraph.graphql',
  documents: 'web/src/operations/*.graphql',
  plugins: [
    {
      add: {
        content: '/* Generated by `npm run codegen` from web/src/operations. Do not edit. */',
      },
    },
    'typescript-operations',
    'typescript-react-query',
  ],
  config: {
    reactQueryVersion: 5,
    fetcher: '../lib/fetcher.ts#fetchGraphQL',
    exposeQueryKeys: true,
    exposeFetcher: true,
    enumsAsTypes: true,
    documentMode: 'string',
    avoidOptionals: false,
    skipTypename: true,
    dedupeFragments: true,
    onlyOperationTypes: true,
    scalars: { DateTime: 'string', Date: 'string', Decimal: 'string' },
  },
};

const config: CodegenConfig = { overwrite: true, generates };
export default config;
