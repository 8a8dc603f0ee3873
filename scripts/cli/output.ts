const KEY = process.env.OPENAI_API_KEY ?? '';
// A placeholder key such as "x" (for servers that want none) would otherwise be masked in every word.
const SECRET_LENGTH = 8;

/**
 * Hides the API key wherever it appears. Everything the CLI prints goes through here, because provider
 * errors and tool outputs are text from elsewhere that could carry the key back.
 */
const redact = (text: string): string => (KEY.length >= SECRET_LENGTH ? text.replaceAll(KEY, '***') : text);

/** Writes to stdout as is (no newline added): streamed answer text, file contents, JSON. */
export const out = (text: string): void => void process.stdout.write(redact(text));

/** Writes one line to stderr: progress, warnings and failures, kept apart from the answer on stdout. */
export const note = (line: string): void => void process.stderr.write(`${redact(line)}\n`);

/** Text cut to `max` characters on one line, for a status line. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
