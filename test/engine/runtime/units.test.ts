import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/runtime/objects.ts';
import { DEFAULT_PRICES, addUsage, estimateCost } from '../../../electron/engine/runtime/cost.ts';
import { buildHistory } from '../../../electron/engine/runtime/history.ts';

const message = (role: Message['role'], text: string, status: Message['status'] = 'completed'): Message => ({
  id: `msg_${text}`,
  object: 'thread.message',
  created_at: 1,
  thread_id: 'thread_1',
  status,
  incomplete_details: null,
  completed_at: 1,
  incomplete_at: null,
  role,
  content: [{ type: 'text', text: { value: text, annotations: [] } }],
  assistant_id: null,
  run_id: null,
  attachments: [],
  metadata: {},
});

describe('history', () => {
  const thread = [
    message('user', 'aaaa'),
    message('assistant', 'bbbb'),
    message('user', 'cccc'),
    message('assistant', 'half', 'in_progress'),
    message('user', 'dddd'),
  ];
  const texts = (config: Parameters<typeof buildHistory>[1]) => buildHistory(thread, config).map((i) => (i.type === 'message' ? i.text : ''));

  it('sends the whole thread on auto, skipping messages still being written', () => {
    expect(texts({ truncation: { type: 'auto', lastMessages: null }, maxPromptTokens: null, instructions: '' })).toEqual(['aaaa', 'bbbb', 'cccc', 'dddd']);
  });

  it('keeps the last N messages', () => {
    expect(texts({ truncation: { type: 'last_messages', lastMessages: 2 }, maxPromptTokens: null, instructions: '' })).toEqual(['cccc', 'dddd']);
  });

  it('drops the oldest messages to fit max_prompt_tokens, always keeping the newest', () => {
    // Four characters a token: a budget of 2 tokens fits two four-character messages.
    expect(texts({ truncation: { type: 'auto', lastMessages: null }, maxPromptTokens: 2, instructions: '' })).toEqual(['cccc', 'dddd']);
    expect(texts({ truncation: { type: 'auto', lastMessages: null }, maxPromptTokens: 1, instructions: 'long instructions' })).toEqual(['dddd']);
  });
});

describe('cost', () => {
  it('estimates from the price table per million tokens, also for dated snapshots', () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 500_000, total_tokens: 1_500_000 };
    expect(estimateCost('gpt-4o', usage, DEFAULT_PRICES)).toBeCloseTo(2.5 + 5, 10);
    expect(estimateCost('gpt-4o-2024-08-06', usage, DEFAULT_PRICES)).toBeCloseTo(7.5, 10);
    expect(estimateCost('my-local-model', usage, DEFAULT_PRICES)).toBeNull();
    expect(estimateCost('my-local-model', usage, { 'my-local-model': { input: 0, output: 0 } })).toBe(0);
  });

  it('adds usage of several turns', () => {
    expect(addUsage({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }, { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 })).toEqual({
      prompt_tokens: 11,
      completion_tokens: 22,
      total_tokens: 33,
    });
    expect(addUsage(null, null)).toBeNull();
  });
});
