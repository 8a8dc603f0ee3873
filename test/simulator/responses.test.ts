import { describe, expect, it } from 'vitest';
import { setupSimulator } from './harness.ts';

const env = setupSimulator();
const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

describe('POST /v1/responses through the official SDK', () => {
  it('streams text with the real event sequence and a final response', async () => {
    env.sim.script({ text: ['Hel', 'lo', ' there!'], usage: { input_tokens: 12, output_tokens: 3 } });
    const stream = env.client.responses.stream({ model: 'gpt-4.1-mini', input: 'Say hello', instructions: 'Be brief.' });
    const events: { type: string; sequence_number: number }[] = [];
    const deltas: string[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'response.output_text.delta') deltas.push(event.delta);
    }
    const response = await stream.finalResponse();

    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(deltas).toEqual(['Hel', 'lo', ' there!']);
    expect(response.output_text).toBe('Hello there!');
    expect(response.status).toBe('completed');
    expect(response.id).toMatch(/^resp_/);
    expect(response.instructions).toBe('Be brief.');
    expect(response.usage).toMatchObject({ input_tokens: 12, output_tokens: 3, total_tokens: 15 });
    expect(env.sim.requests[0]).toMatchObject({ endpoint: 'responses', lastUserText: 'Say hello' });
  });

  it('streams parallel function calls and takes their outputs back on the next request', async () => {
    env.sim.script(
      {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Oslo' }, id: 'call_oslo' },
        ],
      },
      { text: 'Paris is sunny, Oslo is cold.' },
    );
    const stream = env.client.responses.stream({ model: 'gpt-4.1-mini', input: 'Weather in Paris and Oslo?', tools: [weatherTool] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const first = await stream.finalResponse();

    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      ...[
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
      ],
      ...[
        'response.output_item.added',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
      ],
      'response.completed',
    ]);
    const calls = first.output.filter((item) => item.type === 'function_call');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });
    expect(calls[0]?.id).toMatch(/^fc_/);
    expect(calls[0]?.call_id).toMatch(/^call_/);
    expect(calls[1]?.call_id).toBe('call_oslo');
    expect(first.tools).toEqual([{ ...weatherTool }]);

    const second = await env.client.responses.create({
      model: 'gpt-4.1-mini',
      previous_response_id: first.id,
      input: calls.map((call) => ({ type: 'function_call_output' as const, call_id: call.call_id, output: `sunny in ${call.call_id}` })),
    });
    expect(second.output_text).toBe('Paris is sunny, Oslo is cold.');
    expect(env.sim.requests[1]?.previousResponseId).toBe(first.id);
    expect(env.sim.requests[1]?.toolOutputs).toEqual(calls.map((call) => ({ callId: call.call_id, output: `sunny in ${call.call_id}` })));
  });

  it('creates a non-streaming response that echoes the request settings', async () => {
    env.sim.script({ text: 'Fine.' });
    const format = { type: 'json_schema' as const, name: 'answer', schema: { type: 'object', properties: {}, additionalProperties: false }, strict: true };
    const response = await env.client.responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'How are you?' }] }],
      max_output_tokens: 100,
      parallel_tool_calls: false,
      text: { format },
    });
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-4o-mini', max_output_tokens: 100, parallel_tool_calls: false });
    expect(response.text?.format).toEqual(format);
    expect(response.output_text).toBe('Fine.');
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(env.sim.requests[0]?.lastUserText).toBe('How are you?');
  });

  it('cuts the output at max_output_tokens and reports the response incomplete', async () => {
    env.sim.script({ text: 'one two three four five six seven eight nine ten', toolCalls: [{ name: 'get_weather', arguments: {} }] });
    const stream = env.client.responses.stream({ model: 'gpt-4.1-mini', input: 'Count', max_output_tokens: 3 });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const response = await stream.finalResponse();
    expect(types.at(-1)).toBe('response.incomplete');
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output_text).toBe('one two thre');
    expect(response.output.map((item) => item.type)).toEqual(['message']);
    expect(response.usage?.output_tokens).toBe(3);
  });

  it('makes a single call when parallel tool calls are disabled', async () => {
    env.sim.script({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'A' } },
        { name: 'get_weather', arguments: { city: 'B' } },
      ],
    });
    const response = await env.client.responses.create({ model: 'gpt-4.1-mini', input: 'Two cities', tools: [weatherTool], parallel_tool_calls: false });
    expect(response.output.map((item) => item.type === 'function_call' && item.arguments)).toEqual(['{"city":"A"}']);
  });

  it('sends scripted argument strings verbatim, even when they are not JSON', async () => {
    env.sim.script({ toolCalls: [{ name: 'get_weather', arguments: '{"city": "Par' }] });
    const response = await env.client.responses.create({ model: 'gpt-4.1-mini', input: 'Broken', tools: [{ ...weatherTool, strict: false }] });
    expect(response.output[0]).toMatchObject({ type: 'function_call', arguments: '{"city": "Par' });
  });
});
