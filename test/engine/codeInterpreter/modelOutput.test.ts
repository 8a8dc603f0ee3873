import { describe, expect, it } from 'vitest';
import { modelOutput } from '../../../electron/engine/codeInterpreter/modelOutput.ts';
import type { ExecutionResult } from '../../../electron/engine/codeInterpreter/types.ts';

const base: ExecutionResult = { input: 'x', outputs: [], files: [], status: 'ok', durationMs: 1, sandbox: 'bubblewrap', newSession: false, notices: [] };

describe('the tool output for the model', () => {
  it('gives the logs, and says what the logs cannot show: images, files and session notices', () => {
    const output = modelOutput({
      ...base,
      outputs: [
        { type: 'logs', logs: 'mean 2.5\n' },
        { type: 'image', image: { mime: 'image/png', bytes: new Uint8Array(8) } },
      ],
      files: [{ name: 'out.csv', path: '/data/t/files/out.csv', codePath: '/mnt/data/out.csv', bytes: 20, mime: 'text/csv' }],
      newSession: true,
      notices: ['This code ran in a new Python session because the previous one crashed'],
    });
    expect(output).toBe(
      [
        'mean 2.5',
        '[1 image was shown to the user]',
        '[files written: /mnt/data/out.csv (20 bytes); link one in your answer as sandbox:/mnt/data/out.csv]',
        '[This code ran in a new Python session because the previous one crashed]',
      ].join('\n'),
    );
  });

  it('states a time limit or crash, which leaves no traceback, but does not repeat a traceback', () => {
    expect(modelOutput({ ...base, status: 'timeout', error: { name: 'TimeoutError', message: 'time limit of 60 s exceeded', traceback: '' } })).toBe(
      '[timeout] time limit of 60 s exceeded',
    );
    const traceback = 'Traceback (most recent call last):\nZeroDivisionError: division by zero\n';
    expect(
      modelOutput({
        ...base,
        status: 'error',
        outputs: [{ type: 'logs', logs: traceback }],
        error: { name: 'ZeroDivisionError', message: 'division by zero', traceback },
      }),
    ).toBe(traceback.trimEnd());
  });

  it('says so when nothing was printed', () => {
    expect(modelOutput(base)).toBe('[the code ran and printed nothing]');
  });
});
