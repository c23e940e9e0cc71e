// Mail settings a subgraph that sends mail adds to its config schema.
import { z } from 'zod';

export const mailConfigSchema = z.object({
  /** smtp:// or smtps:// with credentials in the URL; unset = .eml files under DATA_DIR/mail/. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Autolytiq <no-reply@autolytiq.local>'),
  DATA_DIR: z.string().default('.data'),
});
export type MailConfig = z.infer<typeof mailConfigSchema>;
