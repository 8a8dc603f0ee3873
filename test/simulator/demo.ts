import type { ModelRequest, Turn } from './types.ts';

// The demo model: what `npm run simulator -- --demo` answers with, so someone without an API key can
// try every tool. It behaves like a helpful model in the simplest way that is still honest about what
// it does: it calls a tool the request offers when the message asks for what that tool does, with
// arguments that fit the tool's JSON Schema, then answers from the tool's output (citing File Search
// passages with their markers), and otherwise streams a short answer that says what it can do.

type Item = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** A tool as the request offers it, whichever API it came through. */
interface OfferedTool {
  name: string;
  description: string;
  parameters: Schema;
  /** A Responses hosted tool (`file_search`, `code_interpreter`) rather than a function. */
  hosted: boolean;
}

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);

function offeredTools(request: ModelRequest): OfferedTool[] {
  const tools = Array.isArray(request.body.tools) ? request.body.tools.filter(isItem) : [];
  return tools.flatMap((tool): OfferedTool[] => {
    const fn = request.endpoint === 'chat' && isItem(tool.function) ? tool.function : tool;
    if (tool.type === 'function') {
      return [
        { name: String(fn.name ?? ''), description: String(fn.description ?? ''), parameters: isItem(fn.parameters) ? fn.parameters : {}, hosted: false },
      ];
    }
    if (tool.type === 'file_search' || tool.type === 'code_interpreter') return [{ name: tool.type, description: '', parameters: {}, hosted: true }];
    return [];
  });
}

/** The conversation's items in order: chat messages, or Responses input items. */
function itemsOf(request: ModelRequest): Item[] {
  const source = request.endpoint === 'chat' ? request.body.messages : request.body.input;
  if (typeof source === 'string') return [{ role: 'user', content: source }];
  return Array.isArray(source) ? source.filter(isItem) : [];
}

/** The tool outputs that came after the last user message, with the name of the tool that produced each. */
function freshOutputs(request: ModelRequest): { name: string; output: string }[] {
  const items = itemsOf(request);
  const lastUser = items.findLastIndex((item) => item.role === 'user');
  const names = new Map<string, string>();
  for (const item of items) {
    if (item.type === 'function_call') names.set(String(item.call_id), String(item.name));
    for (const call of Array.isArray(item.tool_calls) ? item.tool_calls.filter(isItem) : []) {
      if (isItem(call.function)) names.set(String(call.id), String(call.function.name));
    }
  }
  const after = new Set(items.slice(lastUser + 1));
  const fresh = new Set(
    [...after].flatMap((item) => (item.type === 'function_call_output' ? [String(item.call_id)] : item.role === 'tool' ? [String(item.tool_call_id)] : [])),
  );
  // A Responses request chained with previous_response_id carries only the outputs.
  return request.toolOutputs.filter((o) => fresh.has(o.callId) || lastUser < 0).map((o) => ({ name: names.get(o.callId) ?? '', output: o.output }));
}

const STOP = new Set(
  'a an and are as at be by can do does for from how i in is it me my of on or please show tell that the this to use what when where which who why with you your'.split(
    ' ',
  ),
);
/** "papers" finds "paper": plurals are the commonest difference between a request and a description. */
const stem = (word: string): string => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);

/** The words of a text that carry meaning, as written. */
const termsOf = (text: string): string[] => text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 1 && !STOP.has(w.toLowerCase()));
const stemsOf = (text: string): string[] => termsOf(text).map((w) => stem(w.toLowerCase()));

const WANTS_SEARCH = /\b(search|find|look(ing)? up|according|documents?|docs|papers?|files?|knowledge|polic(y|ies)|manual|report|guide|say|says)\b/i;
const WANTS_CODE = /\b(chart|plot|graph|analy[sz]e|analysis|csv|python|compute|calculate|average|mean|sum|total|statistics|data|trend)\b/i;

/**
 * Arguments that fit `schema`, taken from the message where a field can be (a query, a number, an enum
 * value it names). A query leaves out the words that only say which tool to use (`known`: the tool's
 * name and description, and the enum values the message chose).
 */
function argumentsFor(schema: Schema, message: string, known: ReadonlySet<string>, name = ''): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum.find((v) => typeof v === 'string' && message.toLowerCase().includes(v.toLowerCase())) ?? schema.enum[0];
  }
  if ('const' in schema) return schema.const;
  switch (type) {
    case 'object': {
      const properties = isItem(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(properties)) if (isItem(sub)) out[key] = argumentsFor(sub, message, known, key);
      return out;
    }
    case 'array':
      return isItem(schema.items) ? [argumentsFor(schema.items, message, known, name)] : [];
    case 'integer':
    case 'number': {
      const found = /-?\d+(\.\d+)?/.exec(message);
      const value = found ? Number(found[0]) : typeof schema.minimum === 'number' ? schema.minimum : 1;
      return type === 'integer' ? Math.round(value) : value;
    }
    case 'boolean':
      return true;
    default: {
      const quoted = /["“']([^"”']{2,80})["”']/.exec(message);
      const own = termsOf(message).filter((w) => !known.has(stem(w.toLowerCase())));
      if (/^(q|query|search|text|keywords?|terms?|question|topic)$/i.test(name)) return quoted?.[1] ?? (own.join(' ') || message);
      return quoted?.[1] ?? (own.slice(0, 4).join(' ') || 'example');
    }
  }
}

/** The enum values anywhere in a schema, as stems. */
function enumStems(schema: Schema): string[] {
  const own = Array.isArray(schema.enum) ? schema.enum.filter((v): v is string => typeof v === 'string').flatMap(stemsOf) : [];
  const nested = [...(isItem(schema.properties) ? Object.values(schema.properties) : []), schema.items].filter(isItem);
  return [...own, ...nested.flatMap(enumStems)];
}

/** The function whose name and description share the most words with the message (at least one), with how many. */
function bestFunction(tools: OfferedTool[], message: string): { tool: OfferedTool; score: number } | null {
  const wanted = new Set(stemsOf(message));
  let best: OfferedTool | null = null;
  let bestScore = 0;
  for (const tool of tools) {
    if (tool.hosted || tool.name === 'file_search' || tool.name === 'code_interpreter') continue;
    const named = message.toLowerCase().includes(tool.name.toLowerCase()) ? 3 : 0;
    const score = named + new Set(stemsOf(`${tool.name.replaceAll('_', ' ')} ${tool.description}`).filter((w) => wanted.has(w))).size;
    if (score > bestScore) [best, bestScore] = [tool, score];
  }
  return best === null ? null : { tool: best, score: bestScore };
}

/** Python that looks at the attached CSV files: their shape, summary statistics and a chart of the first numeric column. */
const ANALYSIS = `import glob, os
files = sorted(glob.glob('*.csv'))
if not files:
    print('No CSV file is attached; the working folder holds:', sorted(os.listdir('.')))
else:
    import pandas as pd
    import matplotlib.pyplot as plt
    df = pd.read_csv(files[0])
    print(f'{files[0]}: {len(df)} rows; columns: {", ".join(map(str, df.columns))}')
    numeric = list(df.select_dtypes('number').columns)
    if numeric:
        print(df[numeric].describe().round(2).to_string())
        label = df.columns[0] if df.columns[0] not in numeric else None
        ax = df.plot(x=label, y=numeric[0], kind='bar' if len(df) <= 30 else 'line', legend=False, title=f'{numeric[0]} by {label or "row"}')
        ax.set_ylabel(numeric[0])
        plt.tight_layout()
        plt.show()
    else:
        print(df.head().to_string())`;

/** The first sentence (or the first 200 characters) of a passage. */
const firstSentence = (text: string): string => {
  const flat = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const end = flat.search(/[.!?](\s|$)/);
  return (end > 0 && end < 240 ? flat.slice(0, end + 1) : flat.slice(0, 200)).trim();
};

/** An answer built from what the tools returned. */
function answerFrom(outputs: { name: string; output: string }[]): string {
  const parts: string[] = [];
  for (const { name, output } of outputs) {
    if (name === 'file_search') {
      const passages = [...output.matchAll(/(【\d+:\d+†[^】]+】) \(score [^)]*\)\n([\s\S]*?)(?=\n\n【|\n\nSome knowledge files|$)/g)];
      if (passages.length === 0) parts.push('I searched the knowledge files but found nothing about that.');
      else
        parts.push(
          `From the knowledge files: ${passages
            .slice(0, 2)
            .map(([, marker, text]) => `${firstSentence(text!)} ${marker}`)
            .join(' ')}`,
        );
    } else if (name === 'code_interpreter') {
      const shown = /image/i.test(output) ? ' The chart is shown above.' : '';
      parts.push(`I ran Python on the data. It printed:\n\n\`\`\`\n${output.trim().slice(0, 900)}\n\`\`\`\n${shown}`.trim());
    } else {
      let summary = output.trim().slice(0, 600);
      try {
        const value = JSON.parse(output) as unknown;
        const list = isItem(value) ? Object.values(value).find(Array.isArray) : Array.isArray(value) ? value : undefined;
        if (Array.isArray(list)) {
          const titles = list
            .slice(0, 5)
            .map((entry) => (isItem(entry) ? String(entry.title ?? entry.name ?? entry.id ?? JSON.stringify(entry)) : String(entry)));
          summary = list.length === 0 ? 'no results' : `${list.length} result${list.length === 1 ? '' : 's'}: ${titles.join('; ')}`;
        }
      } catch {}
      parts.push(`\`${name}\` returned ${summary}.`);
    }
  }
  return parts.join('\n\n');
}

/** Text in word-sized pieces with a short pause between them, as a model streams. */
const streamed = (text: string): Turn => ({ text: text.match(/\S+\s*|\s+/g) ?? [text], chunkDelayMs: 15 });

/** The demo model's turn for a request. */
export function demoRule(request: ModelRequest): Turn {
  if (request.endpoint === 'assistants') return streamed(request.lastUserText ?? '');
  const outputs = freshOutputs(request);
  if (outputs.length > 0) return streamed(answerFrom(outputs));
  const message = request.lastUserText ?? '';
  const tools = offeredTools(request);
  const offered = (name: string) => tools.find((t) => t.name === name);
  const match = bestFunction(tools, message);
  const fn = match?.tool ?? null;
  const search = offered('file_search');
  const code = offered('code_interpreter');
  const call = (tool: OfferedTool, args: unknown): Turn => ({ toolCalls: [{ name: tool.name, arguments: args as Record<string, unknown> }] });
  const argsOf = (tool: OfferedTool): unknown =>
    argumentsFor(tool.parameters, message, new Set([...stemsOf(`${tool.name} ${tool.description}`), ...enumStems(tool.parameters)]));

  // A function the message names, or describes in several words, comes before the built-in tools.
  if (fn && match!.score >= 2) return call(fn, argsOf(fn));
  if (code && WANTS_CODE.test(message)) {
    return code.hosted
      ? { codeInterpreter: { code: ANALYSIS, logs: 'The hosted sandbox ran the analysis.' }, text: 'I ran the analysis.' }
      : call(code, { code: ANALYSIS });
  }
  if (search && WANTS_SEARCH.test(message)) {
    return search.hosted ? { fileSearch: { queries: [message] }, text: 'Here is what the files say.' } : call(search, { query: message });
  }
  if (fn) return call(fn, argsOf(fn));
  const can = [
    search && 'search its knowledge files (ask me to find something)',
    code && 'run Python on attached CSV files (ask for a chart or an analysis)',
    tools.some((t) => !t.hosted && t.name !== 'file_search' && t.name !== 'code_interpreter') && 'call its functions (name what you need)',
  ].filter(Boolean);
  return streamed(
    `This is Assistant Studio's demo model, running offline. You said: "${message.slice(0, 300)}". ` +
      (can.length > 0 ? `This assistant can ${can.join(', ')}.` : 'Wire tools into the assistant and I will use them when you ask.'),
  );
}
