import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI, { InternalServerError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 15_000;
const model = 'gpt-4.1-mini';
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[], callerCwd: string): { child: ChildProcess; output: { stdout: string; stderr: string }; exited: Promise<Exit> } {
  // As scripts/studio.sh runs it: from the package root, told where the user was.
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'test/simulator/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, STUDIO_CALLER_CWD: callerCwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('close', (code) => resolve({ code, ...output })));
  return { child, output, exited };
}

/** Starts the CLI and waits for the base URL it prints on its first line. */
async function startCli(args: string[], callerCwd: string): Promise<{ baseURL: string; origin: string; client: OpenAI }> {
  const { child, output, exited } = spawnCli(args, callerCwd);
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start in time; stderr: ${output.stderr}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', () => {
      const line = output.stdout.split('\n')[0];
      if (output.stdout.includes('\n') && line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${exit.code}: ${exit.stderr}`));
    });
  });
  return { baseURL, origin: new URL(baseURL).origin, client: new OpenAI({ apiKey: 'x', baseURL }) };
}

/** Writes `turns.json` (JSON text, or a value to write as JSON) into a fresh folder. */
async function scriptFile(content: unknown): Promise<{ dir: string; name: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'simulator-cli-'));
  await writeFile(path.join(dir, 'turns.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return { dir, name: 'turns.json' };
}

async function control(origin: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${origin}/__simulator/${route}`, { method, body: text });
  expect(response.status, `${method} ${route}`).toBe(200);
  return response.json();
}

// Each case starts a Node process, which takes a second or more on a busy machine.
describe('the simulator CLI', { timeout: 60_000 }, () => {
  it('plays a script file in order to the official SDK, then echoes', async () => {
    const script = [
      { text: ['Hello ', 'there.'] },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { fault: { status: 429, retryAfterMs: 10 } },
      { text: 'It is sunny.', delayMs: 300 },
    ];
    const file = await scriptFile(script);
    // A relative path, resolved against the caller's directory rather than the package root.
    const { client } = await startCli(['--script', file.name], file.dir);

    const first = await client.responses.create({ model, input: 'Hi' });
    expect(first.output_text).toBe('Hello there.');

    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const second = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Weather in Paris?' }], tools });
    expect(second.choices[0]?.message.tool_calls?.map((call) => call.type === 'function' && [call.function.name, call.function.arguments])).toEqual([
      ['get_weather', '{"city":"Paris"}'],
    ]);

    // The 429 is retried by the SDK, whose retry gets the delayed turn.
    const started = performance.now();
    const third = await client.responses.create({ model, input: 'And now?' });
    expect(third.output_text).toBe('It is sunny.');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    const echoed = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'say this back' }] });
    expect(echoed.choices[0]?.message.content).toBe('say this back');
  });

  it('refuses a bad script file with exit code 2, naming the path inside it, before listening', async () => {
    const file = await scriptFile({ turns: [{ text: 'a' }, { text: 'b' }, { toolCalls: [{ name: 7, arguments: {} }] }] });
    const exit = await spawnCli(['--script', file.name], file.dir).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain(`the script ${path.join(file.dir, 'turns.json')} is invalid`);
    expect(exit.stderr).toContain('turns[2].toolCalls[0].name: expected string, got number');
    expect(exit.stdout).toBe('');
  });

  it('is driven from outside through the control endpoints', async () => {
    const file = await scriptFile('{"turns": [{"text": "from the file"}], "then": "error"}');
    const { client, origin } = await startCli(['--script', file.name], file.dir);
    expect(await control(origin, 'GET', 'state')).toEqual({ pendingTurns: 1, requests: 0 });

    expect(await control(origin, 'POST', 'script', [{ text: 'replaced' }])).toEqual({ pendingTurns: 1, requests: 0 });
    expect(await control(origin, 'POST', 'script?append=1', { turns: [{ text: 'appended' }] })).toEqual({ pendingTurns: 2, requests: 0 });
    expect((await client.responses.create({ model, input: 'one' })).output_text).toBe('replaced');
    expect((await client.responses.create({ model, input: 'two' })).output_text).toBe('appended');
    // `then: "error"` from the file: nothing left to play is a 500 the SDK does not retry.
    await expect(client.responses.create({ model, input: 'three' })).rejects.toBeInstanceOf(InternalServerError);

    const all = (await control(origin, 'GET', 'requests')) as { requests: { endpoint: string; lastUserText: string }[]; next: number };
    expect(all.requests.map((request) => request.lastUserText)).toEqual(['one', 'two', 'three']);
    expect(all.next).toBe(3);
    const newer = (await control(origin, 'GET', 'requests?since=2')) as typeof all;
    expect(newer.requests).toMatchObject([{ endpoint: 'responses', lastUserText: 'three', previousResponseId: null, body: { model, input: 'three' } }]);
    expect(newer.next).toBe(3);

    expect(await control(origin, 'POST', 'script', '{"turns": [{"text": "left over"}], "then": "echo"}')).toEqual({ pendingTurns: 1, requests: 3 });
    expect(await control(origin, 'POST', 'reset')).toEqual({ pendingTurns: 0, requests: 0 });
    expect(await control(origin, 'GET', 'requests')).toEqual({ requests: [], next: 0 });
    // reset() goes back to the file's `then`, not to the `echo` set since.
    await expect(client.responses.create({ model, input: 'four' })).rejects.toBeInstanceOf(InternalServerError);
  });

  it('answers as the demo model with --demo, after the script', async () => {
    const { dir, name } = await scriptFile({ turns: [{ text: 'scripted first' }] });
    const { client } = await startCli(['--demo', '--script', name], dir);
    expect((await client.responses.create({ model, input: 'one' })).output_text).toBe('scripted first');
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        description: 'The weather in a city.',
        strict: true,
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
      },
    ];
    const response = await client.responses.create({ model, input: 'What is the weather in "Paris"?', tools });
    expect(response.output).toMatchObject([{ type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
  });
});
