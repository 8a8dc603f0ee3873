// Runs the simulator by hand: `node test/simulator/cli.ts [--port N]`. With nothing scripted, every
// model request gets the last user message back, streamed word by word.
import { parseArgs } from 'node:util';
import { echoRule, startSimulator } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  console.error(`invalid --port: ${values.port}`);
  process.exit(2);
}

const simulator = await startSimulator({ port });
// A short pause between chunks makes the streaming visible in a UI.
simulator.rule((request) => ({ ...echoRule(request), chunkDelayMs: 30 }));
console.log(simulator.baseURL);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void simulator.close().then(() => process.exit(0)));
}
