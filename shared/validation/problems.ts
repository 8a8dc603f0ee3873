/** A finding about the project, shown on the node and in the problems list. */
export interface Problem {
  /** Stable within one validation pass; used as a React key. */
  id: string;
  severity: 'error' | 'warning';
  nodeId: string | null;
  /** The data field the problem is about, when there is one. */
  field: string | null;
  code: ProblemCode;
  message: string;
  /** JSON pointer inside a JSON Schema field, for marking the spot in the editor. */
  pointer?: string;
}

/** The catalogue of problem codes: each is documented once here. */
const PROBLEM_CODES = {
  P100: 'A required value is missing',
  P101: 'Number out of range',
  P110: 'Assistant has no name',
  P111: 'Assistant has no model',
  P112: 'Response format schema is invalid',
  P113: 'Tool choice names a function that is not wired in',
  P114: 'Metadata exceeds the limits',
  P200: 'Function name is invalid',
  P201: 'Duplicate function name on one assistant',
  P202: 'Parameters are not valid JSON',
  P203: 'Parameters are not a valid JSON Schema',
  P204: 'Strict-mode rule violated',
  P205: 'Handler is empty',
  P206: 'Function has no description',
  P207: 'Fixed output is empty',
  P300: 'Tool is not wired to an assistant',
  P301: 'Knowledge has no files',
  P302: 'Knowledge is not wired to a tool',
  P303: 'Chunk overlap is more than half the chunk size',
  P304: 'File Search has nothing to search',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
