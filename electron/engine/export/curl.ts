import { commentBlock, jsonValue } from './literals.ts';
import { functionTool, type ExportPlan } from './plan.ts';
import type { ExportedFile } from './types.ts';

/** Stands for the question in the JSON body; replaced by a shell expansion after the body is escaped. */
const QUESTION = '\u0000question\u0000';
const STORE = '\u0000store\u0000';

/** Escapes text for an unquoted heredoc: only `\`, `$` and backticks are special there. */
const heredocEscape = (text: string): string => text.replace(/[\\$`]/g, (c) => `\\${c}`);

function body(plan: ExportPlan): Record<string, unknown> {
  const tools: unknown[] = plan.functions.map(functionTool);
  const fs = plan.fileSearch;
  if (fs) {
    // Knowledge files need a vector store first; the script takes its id from VECTOR_STORE_ID.
    const ids = fs.knowledge.length > 0 ? [...fs.vectorStoreIds, STORE] : fs.vectorStoreIds;
    tools.push({ type: 'file_search', vector_store_ids: ids, max_num_results: fs.maxNumResults, ranking_options: fs.rankingOptions });
  }
  if (plan.codeInterpreter) tools.push({ type: 'code_interpreter', container: { type: 'auto' } });
  const request: Record<string, unknown> = { ...plan.settings, instructions: plan.instructions };
  if (tools.length > 0) request.tools = tools;
  request.input = QUESTION;
  return request;
}

const JSON_ESCAPE = [
  "# JSON string escaping for the question: backslashes, quotes and control characters.",
  "json_escape() {",
  "  local s=${1//\\\\/\\\\\\\\}",
  "  s=${s//\\\"/\\\\\\\"}",
  "  s=${s//$'\\n'/\\\\n}",
  "  s=${s//$'\\r'/\\\\r}",
  "  s=${s//$'\\t'/\\\\t}",
  "  printf '%s' \"$s\"",
  "}",
].join('\n');

/** The first Responses request of the assistant as a shell script around cURL. */
export function curlRequest(plan: ExportPlan): ExportedFile {
  const fs = plan.fileSearch;
  const needsStore = fs !== null && fs.knowledge.length > 0;
  const notes = [
    `${plan.name}: the Responses request, exported from Assistant Studio.`,
    'Usage: OPENAI_API_KEY=sk-... bash request.sh "your question"   (OPENAI_BASE_URL is optional)',
  ];
  if (plan.functions.length > 0) {
    notes.push('Function calls come back as output items; answering them takes further requests (see the TypeScript or Python export).');
  }
  if (needsStore) notes.push('VECTOR_STORE_ID must name a vector store that holds the Knowledge files.');
  if (plan.codeInterpreter && plan.codeInterpreter.files.length > 0) notes.push('The Code Interpreter files are not uploaded by this script.');
  const expansions: Record<string, string> = {
    [JSON.stringify(QUESTION)]: '"$(json_escape "$QUESTION")"',
    [JSON.stringify(STORE)]: '"${VECTOR_STORE_ID:?set VECTOR_STORE_ID to a vector store holding the Knowledge files}"',
  };
  // Escape the JSON text around the placeholders, then put the (unescaped) shell expansions in.
  const json = jsonValue(body(plan))
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
