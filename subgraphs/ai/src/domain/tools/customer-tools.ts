// Customer tools. They select names and contact details only: never the date of birth, credit
// applications or notes (free text that may hold anything), so none of it can reach the model.
import { z } from 'zod';
import { defineTool } from './types.ts';

interface CustomerNode {
  id: string;
  displayName: string;
  emails: string[];
  phones: { number: string; kind: string }[];
  addresses: { city: string; state: string; zip: string }[];
  preferredContact: string | null;
  doNotContact: boolean;
  marketingConsent: boolean;
}

const CUSTOMER_FIELDS =
  'id displayName emails phones { number kind } addresses { city state zip } preferredContact doNotContact marketingConsent';

export const findCustomers = defineTool({
  name: 'find_customers',
  description:
    'Find customers of the dealership by name (typos are fine), phone fragment or email. Returns at most 5.',
  args: z.object({ search: z.string().min(1).max(200) }),
  async run(ctx, args) {
    const data = await ctx.graph.request<{ customers: { edges: { node: CustomerNode }[] } }>(
      ctx.caller,
      `query AssistantCustomers($search: String) {
        customers(search: $search, first: 5) { edges { node { ${CUSTOMER_FIELDS} } } }
      }`,
      { search: args.search },
    );
    const found = data.customers.edges.map((e) => e.node);
    return {
      summary:
        found.length === 0
          ? `No customer matches "${args.search}".`
          : `${found.length} customer(s): ${found.map((c) => c.displayName).join(', ')}`,
      data: { customers: found },
      link: found.length === 1 ? `/customers/${found[0]!.id}` : null,
    };
  },
});

export const draftFollowUpEmail = defineTool({
  name: 'draft_follow_up_email',
  description:
    'Prepare a follow-up email draft to a customer (by customer id) about a topic. It is only a draft: the salesperson reviews and sends it. Reports when the customer asked not to be contacted.',
  args: z.object({
    customerId: z.string().uuid(),
    topic: z.string().min(1).max(300).describe('what the email is about'),
  }),
  askedFor:
    /\b(e-?mails?|follow[- ]?up|draft|write|writing|message|reach out|contact|thank[- ]?you|note to)\b/i,
  async run(ctx, args) {
    const data = await ctx.graph.request<{ customer: CustomerNode | null }>(
      ctx.caller,
      `query AssistantCustomer($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`,
      { id: args.customerId },
    );
    const customer = data.customer;
    if (!customer) {
      return { summary: 'No such customer.', data: { found: false }, link: null };
    }
    const to = customer.emails[0] ?? null;
    const blocked = customer.doNotContact;
    const draft = {
      to,
      subject: `Following up: ${args.topic}`.slice(0, 140),
      body: `Hi ${customer.displayName},\n\nThank you for your time with us. I wanted to follow up about ${args.topic}. Let me know a good time to talk, or reply to this email with any questions.\n\nBest regards,`,
    };
    return {
      summary: blocked
        ? `${customer.displayName} asked not to be contacted: no email drafted.`
        : to
          ? `Draft to ${customer.displayName} (${to}) — review and send it yourself.`
          : `${customer.displayName} has no email on file.`,
      data: {
        customer: { id: customer.id, displayName: customer.displayName },
        doNotContact: blocked,
        draft: blocked || !to ? null : draft,
        note: 'A draft only: nothing was sent.',
      },
      link: `/customers/${customer.id}`,
    };
  },
});
