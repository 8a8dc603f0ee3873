import type { Message } from '../../shared/runtime/objects.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';

/**
 * The images a run's code drew, in the order it drew them, that none of its messages already
 * shows as an `image_file` part (the chat shows each picture once, under the answer).
 */
export function runImageIds(steps: readonly RunStep[], messages: readonly Message[], runId: string): string[] {
  const shown = new Set(messages.flatMap((m) => (m.run_id === runId ? m.content.flatMap((c) => (c.type === 'image_file' ? [c.image_file.file_id] : [])) : [])));
  const ids: string[] = [];
  for (const step of steps) {
    if (step.step_details.type !== 'tool_calls') continue;
    for (const call of step.step_details.tool_calls) {
      if (call.type !== 'code_interpreter') continue;
      for (const output of call.code_interpreter.outputs) {
        if (output.type === 'image' && !shown.has(output.image.file_id) && !ids.includes(output.image.file_id)) ids.push(output.image.file_id);
      }
    }
  }
  return ids;
}
