import { describe, expect, it } from 'vitest';
import { setupSimulator } from './harness.ts';

const env = setupSimulator();
const tools = ['get_weather', 'get_time'].map((name) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { city: { type: 'string' } } } },
}));

describe('POST /v1/chat/completions through the official SDK', () => {
  it('streams text chunks and assembles the final completion', async () => {
    env.sim.script({ text: ['Hi', ' there', '!'], usage: { input_tokens: 7, output_tokens: 3 } });
    const stream = env.client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'Hello' },
      ],
      stream_options: { include_usage: true },
    });
    const contents: string[] = [];
    const finishReasons: unknown[] = [];
    let usageChunks = 0;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) contents.push(choice.delta.content);
      if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
      if (chunk.choices.length === 0 && chunk.usage) usageChunks += 1;
    }
    const completion = await stream.finalChatCompletion();

    expect(contents).toEqual(['Hi', ' there', '!']);
    expect(finishReasons).toEqual(['stop']);
    expect(usageChunks).toBe(1);
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hi there!' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect(env.sim.requests[0]).toMatchObject({ endpoint: 'chat', lastUserText: 'Hello' });
  });

  it('streams parallel tool calls with indexes, ids and argument fragments', async () => {
    env.sim.script({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Lisbon, Portugal' }, id: 'call_weather' },
        { name: 'get_time', arguments: { city: 'Lisbon' } },
      ],
    });
    const stream = env.client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather and time in Lisbon?' }], tools });
    const fragments = new Map<number, string[]>();
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        fragments.set(call.index, [...(fragments.get(call.index) ?? []), call.function?.arguments ?? '']);
      }
    }
    const completion = await stream.finalChatCompletion();

    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      { id: 'call_weather', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lisbon, Portugal"}' } },
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_time', arguments: '{"city":"Lisbon"}' } },
    ]);
    expect([...fragments.keys()]).toEqual([0, 1]);
    // The arguments arrive in several pieces, not in one chunk.
    expect(fragments.get(0)?.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('creates a non-streaming completion and logs tool results sent back', async () => {
    env.sim.script({ text: 'It is 21°C.' });
    const completion = await env.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '21°C' },
      ],
      tools,
    });
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini' });
    expect(completion.choices[0]?.message.content).toBe('It is 21°C.');
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    expect(env.sim.requests[0]).toMatchObject({ lastUserText: 'Weather?', toolOutputs: [{ callId: 'call_1', output: '21°C' }] });
  });

  it('ends with finish_reason "length" when max_completion_tokens cuts the text', async () => {
    env.sim.script({ text: 'a rather long answer that will not fit' });
    const completion = await env.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Talk' }],
      max_completion_tokens: 2,
    });
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'a rather' } });
  });

  it('sends no usage chunk unless include_usage is set', async () => {
    env.sim.script({ text: 'ok' });
    const stream = await env.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });
});
