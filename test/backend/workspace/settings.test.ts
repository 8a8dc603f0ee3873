import { describe, expect, it } from 'vitest';
import { defaultSettings, readSettings, type AppSettings } from '../../../electron/backend/workspace/settings.ts';
import { memoryStore } from '../../engine/helpers.ts';

describe('settings', () => {
  it('defaults to the OpenAI provider', () => {
    expect(readSettings(memoryStore()).providers).toEqual([
      { id: 'openai', label: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', embeddingModel: '' },
    ]);
    expect(readSettings(memoryStore()).allowUnsandboxedPython).toBe(false);
    expect(readSettings(memoryStore()).allowUnsandboxedHandlers).toBe(false);
  });

  it('reads providers saved before the embedding model existed as keyword-only, keeping the rest', () => {
    const older = {
      ...defaultSettings(),
      providers: [{ id: 'local', label: 'Ollama', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', apiKeyEnv: '' }],
    };
    delete (older as Partial<AppSettings>).allowUnsandboxedPython;
    delete (older as Partial<AppSettings>).allowUnsandboxedHandlers;
    const settings = readSettings(memoryStore(older as AppSettings));
    expect(settings.providers).toEqual([
      { id: 'local', label: 'Ollama', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', apiKeyEnv: '', embeddingModel: '' },
    ]);
    expect(settings.allowUnsandboxedPython).toBe(false);
    expect(settings.allowUnsandboxedHandlers).toBe(false);
  });

  it('falls back per field when stored settings are damaged', () => {
    const damaged = { ...defaultSettings(), theme: 'neon', recent: ['/a.assistant.json'] } as unknown as AppSettings;
    const settings = readSettings(memoryStore(damaged));
    expect(settings.theme).toBe('system');
    expect(settings.recent).toEqual(['/a.assistant.json']);
  });
});
