/**
 * Where services report what the user never sees directly (skipped drafts, internal errors).
 * Messages must never contain secrets; callers pass only paths, ids and error descriptions.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, cause?: unknown): void;
}

/** A log that writes one prefixed line per message to stderr (stdout is reserved for the host's URL line). */
export function consoleLog(prefix = 'studio'): Log {
  return {
    info: (message) => console.error(`${prefix}: ${message}`),
    warn: (message) => console.error(`${prefix}: warning: ${message}`),
    error: (message, cause) => console.error(`${prefix}: error: ${message}`, cause instanceof Error ? cause.stack : (cause ?? '')),
  };
}
