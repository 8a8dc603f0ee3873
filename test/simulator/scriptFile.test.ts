import { describe, expect, it } from 'vitest';
import { parseScript } from './scriptFile.ts';

const issues = (value: unknown): string[] => {
  const parsed = parseScript(value);
  return parsed.ok ? [] : parsed.issues;
};

describe('script files', () => {
  it('take an array of turns or {turns, then}, with file content as a string or base64 bytes', () => {
    const turns = [
      { text: ['It is ', 'sunny.'], delayMs: 50, chunkDelayMs: 5, endpoint: 'chat' },
      {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_1' },
          { name: 'broken', arguments: '{"city":' },
        ],
      },
      { fault: { status: 429, retryAfterMs: 10 } },
      { fault: { dropAfterEvents: 3 } },
      { fileSearch: { queries: ['refunds'] }, text: 'See the policy.', citations: [{ result: 0, index: 3 }], usage: { input_tokens: 5 } },
      {
        codeInterpreter: {
          code: 'print(1)',
          logs: '1\n',
          files: [
            { name: 'a.txt', content: 'a' },
            { name: 'b.bin', content: { base64: 'AAH/' } },
          ],
        },
      },
    ];
    expect(parseScript(turns)).toEqual({ ok: true, script: { turns: expect.any(Array) } });
    // As a file holds it: `then` (which becomes `end`) is written as JSON text.
    const parsed = parseScript(JSON.parse(`{"turns": ${JSON.stringify(turns)}, "then": "error"}`));
    if (!parsed.ok) throw new Error(parsed.issues.join('\n'));
    expect(parsed.script.end).toBe('error');
    expect(parsed.script.turns.slice(0, 5)).toEqual(turns.slice(0, 5));
    expect(parsed.script.turns[5]?.codeInterpreter?.files?.map((file) => file.content)).toEqual(['a', new Uint8Array([0, 1, 255])]);
  });

  it('name the path of every problem and say what was expected', () => {
    expect(issues({ turns: [{}, {}, { toolCalls: [{ name: 1, arguments: {} }] }] })).toEqual(['turns[2].toolCalls[0].name: expected string, got number']);
    expect(issues([{ toolCalls: [{ name: 'f' }] }, { text: ['a', 2] }, { text: 3 }, { usage: { output_tokens: 1.5 } }])).toEqual([
      '[0].toolCalls[0].arguments: missing, expected a JSON object or a string',
      '[1].text[1]: expected string, got number',
      '[2].text: expected a string or an array of strings',
      '[3].usage.output_tokens: expected integer, got 1.5',
    ]);
    // A fault is told by its fields; a mix of kinds matches none.
    expect(issues([{ fault: { status: '429' } }, { fault: { status: 503, stallAfterEvents: 2 } }, { fault: { status: 200 } }])).toEqual([
      '[0].fault.status: expected number, got string',
      '[1].fault: expected {"status": ...}, {"dropAfterEvents": n} or {"stallAfterEvents": n}',
      '[2].fault.status: Too small: expected number to be >=400',
    ]);
    expect(issues([{ txt: 'typo', endpoint: 'completions' }])).toEqual([
      '[0].endpoint: Invalid option: expected one of "responses"|"chat"|"assistants"',
      '[0].txt: unknown field',
    ]);
    expect(issues([{ codeInterpreter: { code: '', images: [{ name: 'x.png', content: { base64: 'not base64!' } }] } }])).toEqual([
      '[0].codeInterpreter.images[0].content.base64: Invalid base64-encoded string',
    ]);
    expect(issues({ turn: [] })).toEqual(['turns: missing, expected array', 'turn: unknown field']);
    expect(issues(JSON.parse('{"turns": [], "then": "loop"}'))).toEqual(['then: Invalid option: expected one of "echo"|"error"|"demo"']);
    expect(issues('hello')).toEqual(['(top level): expected an array of turns or {"turns": [...], "then": "echo" | "demo" | "error"}']);
  });
});
