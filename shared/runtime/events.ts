import { z } from 'zod';
import { messageSchema, runSchema } from './objects.ts';
import { runStepSchema, toolCallErrorSchema, toolTypeSchema } from './steps.ts';

/** A piece of streamed message text (Assistants `MessageDeltaObject`). */
const messageDeltaSchema = z.strictObject({
  id: z.string(),
  object: z.literal('thread.message.delta'),
  delta: z.strictObject({
    content: z.array(z.strictObject({ index: z.number().int(), type: z.literal('text'), text: z.strictObject({ value: z.string() }) })),
  }),
});
export type MessageDelta = z.infer<typeof messageDeltaSchema>;

/** A change to a tool call while it streams or finishes (Assistants `RunStepDeltaObject`, function calls). */
const runStepDeltaSchema = z.strictObject({
  id: z.string(),
  object: z.literal('thread.run.step.delta'),
  delta: z.strictObject({
    step_details: z.strictObject({
      type: z.literal('tool_calls'),
      tool_calls: z.array(
        z.strictObject({
          index: z.number().int(),
          id: z.string().optional(),
          type: toolTypeSchema,
          /** Ours, on the call's first entry: the node it came from (the canvas lights it up); dropped in the API's stream. */
          node_id: z.string().nullable().optional(),
          function: z.strictObject({ name: z.string().optional(), arguments: z.string().optional(), output: z.string().nullable().optional() }).optional(),
        }),
      ),
    }),
  }),
});
export type RunStepDelta = z.infer<typeof runStepDeltaSchema>;

/** A Function handler of a tool call started, wrote a log line or finished (ours; drives the canvas). */
const handlerRef = { step_id: z.string(), tool_call_id: z.string(), node_id: z.string() };
const handlerStartedSchema = z.strictObject(handlerRef);
const handlerLoggedSchema = z.strictObject({ ...handlerRef, line: z.string() });
const handlerFinishedSchema = z.strictObject({ ...handlerRef, duration_ms: z.number(), error: toolCallErrorSchema.nullable() });

const RUN_EVENT_NAMES = [
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.incomplete',
] as const;
export const STEP_EVENT_NAMES = [
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
] as const;
export const MESSAGE_EVENT_NAMES = ['thread.message.created', 'thread.message.in_progress', 'thread.message.completed', 'thread.message.incomplete'] as const;

const envelope = { runId: z.string(), seq: z.number().int().positive() };
const eventOf = <N extends string, D extends z.ZodType>(name: N, data: D) => z.strictObject({ ...envelope, event: z.literal(name), data });

/**
 * Everything a run reports, Assistants-style: every event carries the run id and a per-run sequence
 * number that increases by one with each event, so a listener can order events and spot gaps.
 */
export const runEventSchema = z.discriminatedUnion('event', [
  z.strictObject({ ...envelope, event: z.enum(RUN_EVENT_NAMES), data: runSchema }),
  z.strictObject({ ...envelope, event: z.enum(STEP_EVENT_NAMES), data: runStepSchema }),
  z.strictObject({ ...envelope, event: z.enum(MESSAGE_EVENT_NAMES), data: messageSchema }),
  eventOf('thread.run.step.delta', runStepDeltaSchema),
  eventOf('thread.message.delta', messageDeltaSchema),
  eventOf('thread.run.step.handler_started', handlerStartedSchema),
  eventOf('thread.run.step.handler_logged', handlerLoggedSchema),
  eventOf('thread.run.step.handler_finished', handlerFinishedSchema),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventName = RunEvent['event'];
/** An event before the emitter stamps it with its run id and sequence number. */
export type RunEventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId' | 'seq'> : never) : never;

/** A run event that carries the run object (its status changed). */
export type RunStatusEvent = Extract<RunEvent, { event: (typeof RUN_EVENT_NAMES)[number] }>;
export const isRunStatusEvent = (event: RunEvent): event is RunStatusEvent => (RUN_EVENT_NAMES as readonly string[]).includes(event.event);
