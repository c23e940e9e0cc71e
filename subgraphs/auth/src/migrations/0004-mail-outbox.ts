// The auth subgraph's mail (password resets, verification, unlock links, notices) goes through the
// kit's transactional outbox, in this schema.
import { Migration, mailOutboxSql } from '@autolytiq/kit';

export class Migration0004MailOutbox extends Migration {
  override async up(): Promise<void> {
    for (const sql of mailOutboxSql('auth')) this.addSql(sql);
  }
}
