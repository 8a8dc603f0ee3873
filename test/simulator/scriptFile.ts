import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type {
  DropFault,
  HttpFault,
  ScriptData,
  ScriptedCitation,
  ScriptedCodeInterpreter,
  ScriptedFile,
  ScriptedFileSearch,
  ScriptedToolCall,
  StallFault,
  Turn,
} from './types.ts';

// Each object lists every field of its type (checked by `satisfies`), so a field added to a turn cannot be
// forgotten here; the annotation on `scriptSchema` checks that what the schema produces is a ScriptData.
type Fields<T> = Record<keyof T, z.ZodType>;

const count = z.int().nonnegative();
// The message of a union whose alternatives all failed; a missing field says so.
const oneOf = (description: string) => (issue: z.core.$ZodRawIssue) =>
  issue.input === undefined ? `missing, expected ${description}` : `expected ${description}`;
const ms = z.number().nonnegative();

const toolCall = z.strictObject({
  name: z.string().min(1),
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())], { error: oneOf('a JSON object or a string') }),
  id: z.string().optional(),
} satisfies Fields<ScriptedToolCall>);

const file = z.strictObject({
  name: z.string().min(1),
  content: z.union([z.string(), z.strictObject({ base64: z.base64() }).transform(({ base64 }) => new Uint8Array(Buffer.from(base64, 'base64')))], {
    error: oneOf('a string or {"base64": "..."}'),
  }),
} satisfies Fields<ScriptedFile>);

const httpFault = z.strictObject({
  status: z.int().min(400).max(599),
  retryAfterMs: ms.optional(),
  message: z.string().optional(),
  type: z.string().optional(),
  code: z.string().optional(),
} satisfies Fields<HttpFault>);

const turn = z.strictObject({
  text: z.union([z.string(), z.array(z.string())], { error: oneOf('a string or an array of strings') }).optional(),
  toolCalls: z.array(toolCall).optional(),
  fileSearch: z.strictObject({ queries: z.array(z.string()).optional() } satisfies Fields<ScriptedFileSearch>).optional(),
  citations: z.array(z.strictObject({ result: count, index: count.optional() } satisfies Fields<ScriptedCitation>)).optional(),
  codeInterpreter: z
    .strictObject({
      code: z.string(),
      logs: z.string().optional(),
      images: z.array(file).optional(),
      files: z.array(file).optional(),
    } satisfies Fields<ScriptedCodeInterpreter>)
    .optional(),
  usage: z.strictObject({ input_tokens: count.optional(), output_tokens: count.optional() } satisfies Fields<NonNullable<Turn['usage']>>).optional(),
  delayMs: ms.optional(),
  chunkDelayMs: ms.optional(),
  fault: z
    .union(
      [
        httpFault,
        z.strictObject({ dropAfterEvents: count } satisfies Fields<DropFault>),
        z.strictObject({ stallAfterEvents: count } satisfies Fields<StallFault>),
      ],
      { error: oneOf('{"status": ...}, {"dropAfterEvents": n} or {"stallAfterEvents": n}') },
    )
    .optional(),
  endpoint: z.enum(['responses', 'chat', 'assistants']).optional(),
} satisfies Fields<Turn>);

const turns = z.array(turn);

/** A script file or control request body: an array of turns, or `{turns, then}` (`then` becomes `end`). */
const scriptSchema: z.ZodType<ScriptData> = z.union(
  [
    turns.transform((list) => ({ turns: list })),
    z
      // biome-ignore lint/suspicious/noThenProperty: the file format's word; a string, never a function, so nothing takes it for a promise
      .strictObject({ turns, then: z.enum(['echo', 'error', 'demo']).optional() })
      .transform(({ turns: list, then: end }) => (end === undefined ? { turns: list } : { turns: list, end })),
  ],
  { error: oneOf('an array of turns or {"turns": [...], "then": "echo" | "demo" | "error"}') },
);

export type Parsed = { ok: true; script: ScriptData } | { ok: false; issues: string[] };

/** Checks a parsed JSON value; each issue names its path inside the value, e.g. `turns[2].toolCalls[0].name: expected string, got number`. */
export function parseScript(value: unknown): Parsed {
  const parsed = scriptSchema.safeParse(value, { reportInput: true, error: typeMessage });
  return parsed.success ? { ok: true, script: parsed.data } : { ok: false, issues: issueLines(parsed.error.issues, []) };
}

/** Reads and checks a script file (a relative path is taken from `cwd`); a failure is told in a sentence or two. */
export async function readScriptFile(file: string, cwd: string): Promise<{ ok: true; script: ScriptData } | { ok: false; message: string }> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read the script ${absolute}: ${errorText(error)}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the script ${absolute} is not JSON: ${errorText(error)}` };
  }
  const parsed = parseScript(value);
  return parsed.ok ? parsed : { ok: false, message: `the script ${absolute} is invalid:\n  ${parsed.issues.join('\n  ')}` };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function typeMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const expected = issue.expected === 'int' ? 'integer' : issue.expected;
  const { input } = issue;
  if (input === undefined) return `missing, expected ${expected}`;
  const received =
    input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input === 'number' && expected === 'integer' ? String(input) : typeof input;
  return `expected ${expected}, got ${received}`;
}

// A union reports every alternative's issues. The issues of the one alternative that has the value's shape
// (its fields: no wrong type at the top, no unknown or missing field) say best what is wrong; failing that,
// those of the one alternative of the value's type (an array, an object); else the union's own message
// lists the alternatives.
function issueLines(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): string[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const closest =
        only(issue.errors.filter((alternative) => !alternative.some(isShapeMismatch))) ??
        only(issue.errors.filter((alternative) => !alternative.some(isTypeMismatch)));
      if (closest) return issueLines(closest, at);
    }
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${pathText([...at, key])}: unknown field`);
    return [`${pathText(at)}: ${issue.message}`];
  });
}

function only<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

function isTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && issue.code === 'invalid_type';
}

function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  if (issue.path.length === 0) return issue.code === 'invalid_type' || issue.code === 'unrecognized_keys';
  // A missing field: reportInput leaves `input` out when the key is absent.
  return issue.path.length === 1 && issue.code === 'invalid_type' && !('input' in issue);
}

function pathText(at: PropertyKey[]): string {
  if (at.length === 0) return '(top level)';
  return at
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
