import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { Api, Conversation, TurnTiming } from './shared.ts';

/**
 * The baseline: what a developer writes by hand with the official SDK, making the same requests as the
 * engine (streamed; earlier turns' messages plus this turn's tool items; the same mock tool outputs),
 * with nothing recorded anywhere.
 */
export function plainConversation(client: OpenAI, api: Api, conversation: Conversation): AsyncGenerator<TurnTiming> {
  return api === 'responses' ? responsesLoop(client, conversation) : chatLoop(client, conversation);
}

async function* responsesLoop(client: OpenAI, c: Conversation): AsyncGenerator<TurnTiming> {
  // Like the engine: earlier turns contribute their messages only; tool items stay within their turn.
  const history: ResponseInputItem[] = [];
  const tools = c.functions.map((f) => ({ type: 'function' as const, name: f.name, description: f.description, parameters: f.parameters, strict: true }));
  for (const message of c.messages) {
    const started = performance.now();
    let firstToken: number | null = null;
    history.push({ role: 'user', content: message });
    const input = [...history];
    for (;;) {
      const stream = await client.responses.create({
        model: c.model,
        instructions: c.instructions,
        input,
        stream: true,
        store: false,
        tools,
        parallel_tool_calls: true,
        tool_choice: 'auto',
      });
      let text = '';
      const calls: { call_id: string; name: string; arguments: string }[] = [];
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          firstToken ??= performance.now();
          text += event.delta;
        } else if (event.type === 'response.output_item.done' && event.item.type === 'function_call') {
          calls.push({ call_id: event.item.call_id, name: event.item.name, arguments: event.item.arguments });
        }
      }
      if (calls.length === 0) {
        history.push({ role: 'assistant', content: text });
        break;
      }
      if (text) input.push({ role: 'assistant', content: text });
      for (const call of calls) input.push({ type: 'function_call', ...call });
      for (const call of calls) input.push({ type: 'function_call_output', call_id: call.call_id, output: c.mockOutput });
    }
    yield { totalMs: performance.now() - started, firstTokenMs: (firstToken ?? performance.now()) - started };
  }
}

async function* chatLoop(client: OpenAI, c: Conversation): AsyncGenerator<TurnTiming> {
  const history: ChatCompletionMessageParam[] = [{ role: 'system', content: c.instructions }];
  const tools = c.functions.map((f) => ({
    type: 'function' as const,
    function: { name: f.name, description: f.description, parameters: f.parameters, strict: true },
  }));
  for (const message of c.messages) {
    const started = performance.now();
    let firstToken: number | null = null;
    history.push({ role: 'user', content: message });
    const messages = [...history];
    for (;;) {
      const stream = await client.chat.completions.create({
        model: c.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        tools,
        parallel_tool_calls: true,
        tool_choice: 'auto',
      });
      let text = '';
      const calls = new Map<number, { id: string; name: string; arguments: string }>();
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) {
          firstToken ??= performance.now();
          text += delta.content;
        }
        for (const part of delta?.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { id: part.id ?? '', name: part.function?.name ?? '', arguments: '' };
          call.arguments += part.function?.arguments ?? '';
          calls.set(part.index, call);
        }
      }
      if (calls.size === 0) {
        history.push({ role: 'assistant', content: text });
        break;
      }
      const list = [...calls.values()];
      messages.push({
        role: 'assistant',
        content: text || null,
        tool_calls: list.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      });
      for (const call of list) messages.push({ role: 'tool', tool_call_id: call.id, content: c.mockOutput });
    }
    yield { totalMs: performance.now() - started, firstTokenMs: (firstToken ?? performance.now()) - started };
  }
}
