import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';
import { runImageIds } from '../../../renderer/runs/runImages.ts';

const step = (images: string[], logs = 'ok'): RunStep => ({
  id: `step_${images.join('_')}`,
  object: 'thread.run.step',
  created_at: 1,
  assistant_id: 'asst_1',
  thread_id: 'thread_1',
  run_id: 'run_1',
  type: 'tool_calls',
  status: 'completed',
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      {
        id: 'call_1',
        type: 'code_interpreter',
        node_id: null,
        duration_ms: 1,
        error: null,
        code_interpreter: { input: 'plot()', outputs: [{ type: 'logs', logs }, ...images.map((file_id) => ({ type: 'image' as const, image: { file_id } }))] },
      },
    ],
  },
  last_error: null,
  expired_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: 2,
  metadata: {},
  usage: null,
});

const answer = (runId: string, imageIds: string[]): Message => ({
  id: 'msg_1',
  object: 'thread.message',
  created_at: 1,
  thread_id: 'thread_1',
  status: 'completed',
  incomplete_details: null,
  completed_at: 2,
  incomplete_at: null,
  role: 'assistant',
  assistant_id: 'asst_1',
  run_id: runId,
  attachments: [],
  metadata: {},
  content: imageIds.map((file_id) => ({ type: 'image_file', image_file: { file_id } })),
});

describe('runImageIds', () => {
  it('lists the images of every code interpreter call in order, each once', () => {
    expect(runImageIds([step(['file-a', 'file-b']), step(['file-b', 'file-c'])], [], 'run_1')).toEqual(['file-a', 'file-b', 'file-c']);
  });

  it('leaves out images a message of the run already shows', () => {
    expect(runImageIds([step(['file-a', 'file-b'])], [answer('run_1', ['file-a'])], 'run_1')).toEqual(['file-b']);
    expect(runImageIds([step(['file-a'])], [answer('run_other', ['file-a'])], 'run_1')).toEqual(['file-a']);
  });
});
