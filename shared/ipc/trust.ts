import { z } from 'zod';

/** Nodes whose handler code or outside Knowledge paths the user has not reviewed (see shared/graph/trustedContent.ts). */
export const unreviewedSchema = z.array(z.string().min(1).max(200)).max(10_000);

/** A piece of content that needs trust, as the review dialog shows it. */
export const reviewedItemSchema = z.strictObject({
  key: z.string(),
  nodeId: z.string(),
  kind: z.enum(['handler', 'knowledge']),
  label: z.string(),
  text: z.string(),
  status: z.enum(['added', 'changed', 'unchanged']),
  before: z.string().nullable(),
});
export type ReviewedItem = z.infer<typeof reviewedItemSchema>;
