/**
 * Error codes that cross the IPC boundary. Each has a stable number for support and docs;
 * the message travels with the error and is written for the user.
 */
const ERROR_CODES = {
  E_INVALID_REQUEST: 1001,
  E_UNAUTHORIZED: 1002,
  E_FORBIDDEN_ORIGIN: 1003,
  E_UNKNOWN_CHANNEL: 1004,
  E_UNSUPPORTED: 1005,
  E_NOT_FOUND: 2001,
  E_IO: 2002,
  E_JSON_LIMIT: 2003,
  E_PROJECT_NOT_JSON: 3001,
  E_PROJECT_FOREIGN: 3002,
  E_PROJECT_NEWER: 3003,
  E_PROJECT_INVALID: 3004,
  E_SECRET_STORAGE: 4001,
  E_INTERNAL: 9001,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error as it crosses the process boundary: data, never a thrown object. */
export interface AppError {
  code: ErrorCode;
  message: string;
  /** Extra lines for the user (e.g. each invalid field of a project file). */
  details?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: string[]): { ok: false; error: AppError } => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** An error thrown inside a service and turned into an `AppError` at the boundary. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly details: string[] | undefined;
  constructor(code: ErrorCode, message: string, details?: string[]) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
