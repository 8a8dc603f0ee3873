/** What "New project" offers (shared/templates.ts holds each one); apart so the IPC contract stays free of the graph code. */
export const TEMPLATE_IDS = ['blank', 'research', 'analyst', 'product'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
