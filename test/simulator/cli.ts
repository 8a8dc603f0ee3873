// Runs the simulator in its own process: `node test/simulator/cli.ts [--demo] [--script turns.json] [--port N]`
// (README: Driving it from another process). It plays the script's turns, then echoes the last user message,
// streamed word by word, unless the script ends with `"then": "error"` or `"then": "demo"`; `--demo`
// answers as the demo model (demo.ts: it calls the tools it is offered) once the turns are used up.
// Prints the base URL on stdout.
import { parseArgs } from 'node:util';
import { endRule } from './script.ts';
import { readScriptFile } from './scriptFile.ts';
import { startSimulator } from './server.ts';
import type { ScriptData } from './types.ts';

const USAGE = 'usage: simulator [--demo] [--script turns.json] [--port N]';

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(2);
}

let values: { port?: string; script?: string; demo?: boolean };
try {
  ({ values } = parseArgs({ options: { port: { type: 'string' }, script: { type: 'string' }, demo: { type: 'boolean' } } }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) fail(`invalid --port: ${values.port}`);

let script: ScriptData = { turns: [] };
if (values.script !== undefined) {
  // npm run starts in the package root; scripts/studio.sh says where the user was.
  const parsed = await readScriptFile(values.script, process.env.STUDIO_CALLER_CWD || process.cwd());
  if (!parsed.ok) fail(parsed.message);
  script = parsed.script;
}
const end = values.demo ? 'demo' : (script.end ?? 'echo');

const simulator = await startSimulator({ port, rule: endRule(end) }).catch((error: unknown) => {
  console.error(`simulator: cannot listen on port ${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
simulator.load({ ...script, end });
console.log(simulator.baseURL);
console.error(`simulator: ${script.turns.length} scripted turn(s), then ${end}; control endpoints at ${simulator.url}/__simulator/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void simulator.close().then(() => process.exit(0)));
}
