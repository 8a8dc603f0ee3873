import { commentBlock, jsonValue } from './literals.ts';
import { VECTOR_STORE_PLACEHOLDER } from './pieces.ts';
import { curlPieces, type ExportPlan } from './plan.ts';
import type { ExportedFile } from './types.ts';

/** Stands for the question in the JSON body; replaced by a shell expansion after the body is escaped. */
const QUESTION = '\u0000question\u0000';

/** Escapes text for an unquoted heredoc: only `\`, `$` and backticks are special there. */
const heredocEscape = (text: string): string => text.replace(/[\\$`]/g, (c) => `\\${c}`);

function body(plan: ExportPlan, tools: unknown[]): Record<string, unknown> {
  const request: Record<string, unknown> = { ...plan.settings, instructions: plan.instructions };
  if (tools.length > 0) request.tools = tools;
  request.input = QUESTION;
  return request;
}

const JSON_ESCAPE = [
  '# JSON string escaping for the question: backslashes, quotes and control characters.',
  'json_escape() {',
  '  local s=${1//\\\\/\\\\\\\\}',
  '  s=${s//\\"/\\\\\\"}',
  "  s=${s//$'\\n'/\\\\n}",
  "  s=${s//$'\\r'/\\\\r}",
  "  s=${s//$'\\t'/\\\\t}",
  '  printf \'%s\' "$s"',
  '}',
].join('\n');

/** The first Responses request of the assistant as a shell script around cURL. */
export function curlRequest(plan: ExportPlan): ExportedFile {
  const pieces = curlPieces(plan, { name: plan.name, knowledgeRoot: '.', identifiers: new Map() });
  const notes = [
    `${plan.name}: the Responses request, exported from Assistant Studio.`,
    'Usage: OPENAI_API_KEY=sk-... bash request.sh "your question"   (OPENAI_BASE_URL is optional)',
    ...pieces.notes,
  ];
  const expansions: Record<string, string> = {
    [JSON.stringify(QUESTION)]: '"$(json_escape "$QUESTION")"',
    [JSON.stringify(VECTOR_STORE_PLACEHOLDER)]: '"${VECTOR_STORE_ID:?set VECTOR_STORE_ID to a vector store holding the Knowledge files}"',
  };
  // Escape the JSON text around the placeholders, then put the (unescaped) shell expansions in.
  const json = jsonValue(body(plan, pieces.tools))
    .split(/("\\u0000\w+\\u0000")/)
    .map((part) => expansions[part] ?? heredocEscape(part))
    .join('');
  const content = `#!/usr/bin/env bash
${commentBlock(notes.join('\n'), '#')}
set -euo pipefail

QUESTION=\${1:?usage: bash request.sh "your question"}

${JSON_ESCAPE}

curl -sS "\${OPENAI_BASE_URL:-https://api.openai.com/v1}/responses" \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer \${OPENAI_API_KEY:?set OPENAI_API_KEY}" \\
  --data-binary @- <<JSON
${json}
JSON
`;
  return { path: 'request.sh', content };
}
