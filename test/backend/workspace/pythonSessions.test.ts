import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SettingsSessions } from '../../../electron/backend/workspace/pythonSessions.ts';
import { SYSTEM_PYTHON } from '../../engine/codeInterpreter/helpers.ts';
import { tempDir } from '../../engine/helpers.ts';

it('finds the Python the settings name at the time, and finds it again after a change', async () => {
  const root = await tempDir();
  const other = path.join(root, 'python3-link');
  await symlink(SYSTEM_PYTHON, other);
  let configured: string | null = SYSTEM_PYTHON;
  const sessions = new SettingsSessions({ rootDir: path.join(root, 'sessions') }, () => ({ pythonPath: configured, allowUnsandboxed: false }));
  try {
    const first = await sessions.environment();
    expect(first.python.path).toBe(SYSTEM_PYTHON);
    // Unchanged settings reuse what was found.
    expect(await sessions.environment()).toBe(first);
    configured = other;
    expect((await sessions.environment()).python.path).toBe(other);
    // A configured path is used as it is: when it is gone, code cannot run until the settings change.
    configured = path.join(root, 'missing-python');
    await expect(sessions.environment()).rejects.toMatchObject({ code: 'E_UNSUPPORTED' });
    configured = SYSTEM_PYTHON;
    expect((await sessions.environment()).python.path).toBe(SYSTEM_PYTHON);
  } finally {
    sessions.closeAll();
  }
});

it('runs unsandboxed only while the settings allow it, and asks again after a change', async () => {
  const root = await tempDir();
  let allowUnsandboxed = false;
  // The sandbox is switched off as on a system that has none, whatever this machine has.
  const sessions = new SettingsSessions({ rootDir: path.join(root, 'sessions'), sandbox: 'off' }, () => ({ pythonPath: SYSTEM_PYTHON, allowUnsandboxed }));
  try {
    await expect(sessions.environment()).rejects.toMatchObject({ code: 'E_UNSUPPORTED', message: expect.stringMatching(/allow unsandboxed/) });
    allowUnsandboxed = true;
    const open = await sessions.environment();
    expect(open).toMatchObject({ tool: null, plan: 'none' });
    const result = await sessions.get('thread_unsandboxed').run('print(6 * 7)');
    expect(result).toMatchObject({ status: 'ok', sandbox: 'none' });
    allowUnsandboxed = false;
    await expect(sessions.environment()).rejects.toMatchObject({ code: 'E_UNSUPPORTED' });
  } finally {
    sessions.closeAll();
  }
});
