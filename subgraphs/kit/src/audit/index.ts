export { AUDIT_SCHEMA, AUDIT_MIGRATIONS, AUDIT_APP_PRIVILEGES } from './migrations.ts';
export {
  recordAudit,
  changesOf,
  auditValue,
  parseAuditChanges,
  type AuditChange,
  type AuditRecord,
  type ChangesOptions,
} from './record.ts';
export { runInRequestScope, currentRequestScope, type RequestScope } from './scope.ts';
