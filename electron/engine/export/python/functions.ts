// The Python that answers the model's function calls, shared by the three Python exports: a stub per
// Function (carrying its TypeScript handler), `to_output`, the `FUNCTIONS` table and `call_function`.
import type { FunctionToolConfig } from '../../compile/types.ts';
import { commentBlock, pyString } from '../literals.ts';

/** One function per Function tool: a stub carrying the TypeScript handler, a prompt, or a fixed output. */
export function pyFunction(fn: FunctionToolConfig, id: string): string {
  if (fn.mode === 'mock')
    return `def ${id}(args: dict) -> object:\n    """Returns the fixed output set in Assistant Studio."""\n    return ${pyString(fn.mockOutput)}`;
  if (fn.mode === 'ask') {
    return `def ${id}(args: dict) -> object:\n    """Asks you for the output, as "Ask me" does in Assistant Studio."""\n    return input(f"\\n${fn.name}({json.dumps(args)}) returns: ")`;
  }
  return `def ${id}(args: dict) -> object:
    """Not ported yet: the model is told so until this returns the real result."""
    # The TypeScript handler from Assistant Studio, to port to Python:
${commentBlock(fn.handler, '#', '    ')}
    return {"error": "handler not ported yet"}`;
}

export const PY_TO_OUTPUT = `def to_output(value: object) -> str:
    """The text the model gets back: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)`;

/**
 * How the model's function calls are answered: one function per Function tool, `to_output`, the
 * `FUNCTIONS` table and `call_function`, which reads the call's name and JSON arguments through
 * `nameOf` and `argumentsOf` (each API shapes a call differently).
 */
export function pyFunctionCalls(
  functions: readonly FunctionToolConfig[],
  names: ReadonlyMap<string, string>,
  call: { nameOf: string; argumentsOf: string },
): string[] {
  return [
    ...functions.map((f) => pyFunction(f, names.get(f.name)!)),
    PY_TO_OUTPUT,
    `FUNCTIONS = {\n${functions.map((f) => `    ${JSON.stringify(f.name)}: ${names.get(f.name)},`).join('\n')}\n}`,
    `def call_function(call) -> str:
    """Answers one function call; failures go back to the model as an error it can react to."""
    implementation = FUNCTIONS.get(${call.nameOf})
    if implementation is None:
        return json.dumps({"error": f"Unknown function {${call.nameOf}}"})
    try:
        args = json.loads(${call.argumentsOf} or "{}")
    except json.JSONDecodeError:
        return json.dumps({"error": "The arguments are not valid JSON."})
    try:
        return to_output(implementation(args))
    except Exception as error:  # the model gets the failure, as in the app
        return json.dumps({"error": str(error)})`,
  ];
}
