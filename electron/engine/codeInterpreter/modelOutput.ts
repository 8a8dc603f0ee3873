import type { ExecutionResult } from './types.ts';

/**
 * The tool output a model receives for an execution when the interpreter is offered as a function
 * (Chat Completions providers): the logs as the code printed them, then what the model cannot see
 * in them: how the execution ended, the images, the files and the session notices.
 */
export function modelOutput(result: ExecutionResult): string {
  const parts: string[] = [];
  const logs = result.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');
  if (logs !== '') parts.push(logs.trimEnd());
  // A Python exception's traceback is already in the logs; a stopped or dead process has none.
  if (result.error && result.error.traceback === '') parts.push(`[${result.status}] ${result.error.message}`);
  const images = result.outputs.filter((o) => o.type === 'image').length;
  if (images > 0) parts.push(`[${images === 1 ? '1 image was' : `${images} images were`} shown to the user]`);
  if (result.files.length > 0) {
    const list = result.files.map((f) => `${f.codePath} (${f.bytes} bytes)`).join(', ');
    parts.push(`[files written: ${list}; link one in your answer as sandbox:${result.files[0]!.codePath}]`);
  }
  parts.push(...result.notices.map((n) => `[${n}]`));
  return parts.length > 0 ? parts.join('\n') : '[the code ran and printed nothing]';
}
