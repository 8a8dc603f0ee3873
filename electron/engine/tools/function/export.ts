// How Function tools export: the handlers inlined (TypeScript) or as stubs carrying them (Python), a table
// that answers each call, and the tool loop that feeds the outputs back.
import type { FunctionToolConfig } from '../../compile/types.ts';
import { pyFunction, PY_TO_OUTPUT, pyFunctionCalls } from '../../export/python/functions.ts';
import { callFunction, functionImports, functionRuntime, handlerImports, handlerModule } from '../../export/typescript/functions.ts';
import { pyString, pyValue, tsValue } from '../../export/literals.ts';
import type { CodePieces, PieceContext, ToolExport } from '../../export/pieces.ts';

export interface FunctionsPart {
  functions: FunctionToolConfig[];
}

/** The Responses API `tools` entry of a function. */
const responsesFunctionTool = (fn: FunctionToolConfig): Record<string, unknown> => ({
  type: 'function',
  name: fn.name,
  description: fn.description,
  parameters: fn.parameters,
  strict: fn.strict,
});

/** The Assistants v2 `tools` entry of a function. */
const assistantsFunctionTool = (fn: FunctionToolConfig): Record<string, unknown> => ({
  type: 'function',
  function: { name: fn.name, description: fn.description, parameters: fn.parameters, strict: fn.strict },
});

/**
 * The SDK's schema type wants `required` and a boolean `additionalProperties`; where they are absent,
 * the JSON Schema defaults (none required, additional properties allowed) are written out.
 */
export function typable(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const s = schema as Record<string, unknown>;
  return { ...s, required: s.required ?? [], additionalProperties: s.additionalProperties ?? true };
}

const handlerFiles = ({ functions }: FunctionsPart) => functions.filter((f) => f.mode === 'handler').map(handlerModule);

/** The TypeScript parts every format shares: imports of Node built-ins and of the handler modules, and the handlers as files. */
const tsBase = (part: FunctionsPart, ctx: PieceContext): CodePieces => ({
  imports: functionImports(part.functions),
  localImports: handlerImports(part.functions, ctx.identifiers),
  files: handlerFiles(part),
});

function agentsToolConst(fn: FunctionToolConfig, names: ReadonlyMap<string, string>): string {
  const id = names.get(fn.name)!;
  return `const ${id}Tool = tool({
  name: ${JSON.stringify(fn.name)},
  description: ${JSON.stringify(fn.description)},
  parameters: ${tsValue(typable(fn.parameters), '  ')} satisfies JsonSchemaDefinition['schema'],
  strict: ${fn.strict},
  execute: async (args) => toOutput(await FUNCTIONS[${JSON.stringify(fn.name)}]!(args)),
});`;
}

function agentsPyTool(fn: FunctionToolConfig, id: string): string {
  return `async def invoke_${id}(ctx: RunContextWrapper, arguments: str) -> str:
    return to_output(${id}(json.loads(arguments or "{}")))


${id}_tool = FunctionTool(
    name=${JSON.stringify(fn.name)},
    description=${pyString(fn.description)},
    params_json_schema=${pyValue(fn.parameters, '    ')},
    on_invoke_tool=invoke_${id},
    strict_json_schema=${fn.strict ? 'True' : 'False'},
)`;
}

const PY_HANDLERS_README = `
## Function handlers

Each handler is a Python stub that carries the TypeScript handler from Assistant Studio as a comment.
Until it is ported, it answers the model with \`{"error": "handler not ported yet"}\`.
`;

const pyReadme = ({ functions }: FunctionsPart): string[] => (functions.some((f) => f.mode === 'handler') ? [PY_HANDLERS_README] : []);

export const functionExport: ToolExport<FunctionToolConfig, FunctionsPart> = {
  plan: (tools) => ({ part: { functions: [...tools] }, warnings: { responses: [], assistants: [] }, names: tools.map((f) => f.name), readsKnowledge: false }),

  code: {
    typescript: (part, ctx) => ({
      ...tsBase(part, ctx),
      blocks: [
        `const FUNCTION_TOOLS: OpenAI.Responses.FunctionTool[] = ${tsValue(part.functions.map(responsesFunctionTool))};`,
        ...functionRuntime(part.functions, ctx.identifiers),
        callFunction({ type: 'OpenAI.Responses.ResponseFunctionToolCall', name: 'call.name', arguments: 'call.arguments' }),
      ],
      tools: ['    ...FUNCTION_TOOLS,'],
      answersCalls: true,
    }),
    'agents-typescript': (part, ctx) => ({
      ...tsBase(part, ctx),
      sdkImports: ['tool', 'type JsonSchemaDefinition'],
      blocks: [...functionRuntime(part.functions, ctx.identifiers), ...part.functions.map((f) => agentsToolConst(f, ctx.identifiers))],
      tools: part.functions.map((f) => `    ${ctx.identifiers.get(f.name)}Tool,`),
    }),
    'assistants-typescript': (part, ctx) => ({
      ...tsBase(part, ctx),
      blocks: [
        `const FUNCTION_TOOLS: OpenAI.Beta.FunctionTool[] = ${tsValue(part.functions.map(assistantsFunctionTool))};`,
        ...functionRuntime(part.functions, ctx.identifiers),
        callFunction({ type: 'OpenAI.Beta.Threads.Runs.RequiredActionFunctionToolCall', name: 'call.function.name', arguments: 'call.function.arguments' }),
      ],
      tools: ['  ...FUNCTION_TOOLS,'],
      answersCalls: true,
    }),
    python: (part, ctx) => ({
      imports: ['import json'],
      blocks: [
        `FUNCTION_TOOLS = ${pyValue(part.functions.map(responsesFunctionTool))}`,
        ...pyFunctionCalls(part.functions, ctx.identifiers, { nameOf: 'call.name', argumentsOf: 'call.arguments' }),
      ],
      tools: ['        *FUNCTION_TOOLS,'],
      answersCalls: true,
      readme: pyReadme(part),
    }),
    'agents-python': (part, ctx) => ({
      imports: ['import json'],
      sdkImports: ['FunctionTool', 'RunContextWrapper'],
      blocks: [
        ...part.functions.map((f) => pyFunction(f, ctx.identifiers.get(f.name)!)),
        PY_TO_OUTPUT,
        ...part.functions.map((f) => agentsPyTool(f, ctx.identifiers.get(f.name)!)),
      ],
      tools: part.functions.map((f) => `            ${ctx.identifiers.get(f.name)}_tool,`),
      readme: pyReadme(part),
    }),
    'assistants-python': (part, ctx) => ({
      imports: ['import json'],
      blocks: [
        `FUNCTION_TOOLS = ${pyValue(part.functions.map(assistantsFunctionTool))}`,
        ...pyFunctionCalls(part.functions, ctx.identifiers, { nameOf: 'call.function.name', argumentsOf: 'call.function.arguments' }),
      ],
      tools: ['    *FUNCTION_TOOLS,'],
      answersCalls: true,
      readme: pyReadme(part),
    }),
  },

  curl: (part) => ({
    tools: part.functions.map(responsesFunctionTool),
    notes: ['Function calls come back as output items; answering them takes further requests (see the TypeScript or Python export).'],
  }),
};
