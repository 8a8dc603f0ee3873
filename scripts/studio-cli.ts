import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppFailure } from '../shared/errors.ts';
import { validateProject } from '../shared/validation/index.ts';
import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, exportAssistant, type ExportFormat } from '../electron/engine/index.ts';
import { note, out } from './cli/output.ts';
import { callerPath, loadProject, nodeLabel, pickAssistant, UsageError, type LoadedProject } from './cli/project.ts';
import { runCommand } from './cli/run.ts';

const FORMATS = EXPORT_FORMATS.map((f) => `  ${f.padEnd(22)} ${EXPORT_FORMAT_LABELS[f]}`).join('\n');

const USAGE = `Validate, export and run an Assistant Studio project without the app.

  node scripts/studio-cli.ts validate <project.assistant.json>
  node scripts/studio-cli.ts export <project> --format <format> [--assistant <name or node id>] [--out <folder> [--force]]
  node scripts/studio-cli.ts run <project> "<message>" [--assistant <name or node id>] [--provider openai|compatible]
                             [--base-url <url>] [--model <model>] [--trust] [--json] [--db <file>]
                             [--idle-timeout <seconds>]

validate  prints every problem and a count; exits 1 when there is an error.
export    prints the main file of the export (or writes every file into --out, which must be empty
          unless --force); the export's warnings go to stderr.
run       runs the assistant on a new thread with the app's runtime: the answer streams to stdout, tool
          calls and the run's status, tokens and cost to stderr; exits 0 only when the run completed.

Options of run:
  --provider openai|compatible  OpenAI Responses API (default) or any Chat Completions server
  --base-url <url>              the API root including /v1 (default OPENAI_BASE_URL, else OpenAI's);
                                the key comes from OPENAI_API_KEY (may be empty for compatible servers)
  --model <model>               instead of the assistant's (or the project's) model
  --trust                       run the project's Function handlers (without it they are refused)
  --json                        print the finished run with its steps and messages as JSON instead
  --db <file>                   keep the thread in this database (default: a temporary one)
  --idle-timeout <seconds>      give up an answer whose stream sends nothing for this long (default 30)
"Ask me" functions cannot be answered here: a run that waits for one is cancelled.

Export formats:
${FORMATS}`;

const OPTIONS = {
  format: { type: 'string' },
  assistant: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
  provider: { type: 'string', default: 'openai' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  trust: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  db: { type: 'string' },
  'idle-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function validateCommand({ project }: LoadedProject): void {
  const problems = validateProject(project);
  const nodes = new Map(project.nodes.map((n) => [n.id as string, n]));
  for (const p of problems) {
    const node = p.nodeId === null ? undefined : nodes.get(p.nodeId);
    const where = node ? nodeLabel(node) : (p.nodeId ?? 'project');
    out(`${p.severity} ${p.code} ${where}${p.field ? `.${p.field}` : ''}: ${p.message}\n`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  out(`${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}\n`);
  if (errors > 0) process.exitCode = 1;
}

async function exportCommand(loaded: LoadedProject, values: Values): Promise<void> {
  const format = values.format;
  if (!format) throw new UsageError(`export needs --format <format>. The formats are:\n${FORMATS}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`There is no export format "${format}". The formats are:\n${FORMATS}`);
  const assistant = pickAssistant(loaded.project, values.assistant);
  const result = exportAssistant(loaded.project, assistant.id, format as ExportFormat);
  if (!result.ok) throw new AppFailure('E_INVALID_REQUEST', `${nodeLabel(assistant)} cannot be exported: ${result.reason}`);
  for (const warning of result.warnings) note(`warning: ${warning}`);
  if (!values.out) {
    out(result.files.find((f) => f.path === result.primary)?.content ?? '');
    return;
  }
  const folder = callerPath(values.out);
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new AppFailure('E_IO', `Cannot write into ${folder}: ${error.message}`);
  });
  if (existing.length > 0 && !values.force) throw new AppFailure('E_IO', `${folder} is not empty; choose an empty folder or pass --force to overwrite.`);
  for (const file of result.files) {
    const target = path.join(folder, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  out(`Wrote ${plural(result.files.length, 'file')} to ${folder}: ${result.files.map((f) => f.path).join(', ')}\n`);
}

function parse(): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    // parseArgs explains an unknown or incomplete option well; the usage shows the right ones.
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parse();
  const [command, file, ...rest] = positionals;
  if (values.help || !command) {
    out(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const arity = { validate: 0, export: 0, run: 1 }[command];
  if (arity === undefined || file === undefined || rest.length !== arity) {
    throw new UsageError(`Unknown command or wrong arguments: ${positionals.join(' ')}\n\n${USAGE}`);
  }
  const loaded = await loadProject(file);
  if (command === 'validate') validateCommand(loaded);
  else if (command === 'export') await exportCommand(loaded, values);
  else {
    await runCommand(loaded, {
      message: rest[0]!,
      assistant: values.assistant,
      provider: values.provider,
      baseUrl: values['base-url'],
      model: values.model,
      trust: values.trust,
      json: values.json,
      db: values.db,
      idleTimeout: values['idle-timeout'],
    });
  }
}

main().catch((error: unknown) => {
  note(error instanceof Error ? error.message : String(error));
  if (error instanceof AppFailure) for (const line of error.details ?? []) note(`  ${line}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
