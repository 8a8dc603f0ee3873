import { describe, expect, it } from 'vitest';
import { defaultSettings, readSettings, type AppSettings } from '../../../electron/engine/workspace/settings.ts';
import { memoryStore } from '../helpers.ts';

describe('settings', () => {
  it('defaults to the OpenAI provider', () => {
    expect(readSettings(memoryStore()).providers).toEqual([
      { id: 'openai', label: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
    ]);
  });

  it('falls back per field when stored settings are damaged', () => {
    const damaged = { ...defaultSettings(), theme: 'neon', recent: ['/a.assistant.json'] } as unknown as AppSettings;
    const settings = readSettings(memoryStore(damaged));
    expect(settings.theme).toBe('system');
    expect(settings.recent).toEqual(['/a.assistant.json']);
  });
});
