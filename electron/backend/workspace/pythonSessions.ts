import { type InterpreterEnvironment, resolveEnvironment, SessionManager, type SessionManagerOptions } from '../../engine/index.ts';

/** The interpreter settings the user controls. */
export interface PythonSettings {
  /** The configured Python; null finds one automatically. */
  pythonPath: string | null;
  /** Whether code may run without a sandbox where none is available. */
  allowUnsandboxed: boolean;
}

type FixedOptions = Omit<SessionManagerOptions, 'pythonPath' | 'allowUnsandboxed'>;

/**
 * Code Interpreter sessions whose Python and sandbox policy follow the settings: they are read each
 * time the environment is needed, so a change applies to the next session without restarting the
 * run engine.
 */
export class SettingsSessions extends SessionManager {
  readonly #options: FixedOptions;
  readonly #settings: () => PythonSettings;
  #resolved: { pythonPath: string | null; allowUnsandboxed: boolean; environment: Promise<InterpreterEnvironment> } | null = null;

  constructor(options: FixedOptions, settings: () => PythonSettings) {
    super(options);
    this.#options = options;
    this.#settings = settings;
  }

  override environment(): Promise<InterpreterEnvironment> {
    const { pythonPath, allowUnsandboxed } = this.#settings();
    const current = this.#resolved;
    if (current && current.pythonPath === pythonPath && current.allowUnsandboxed === allowUnsandboxed) return current.environment;
    const environment = resolveEnvironment({ ...this.#options, allowUnsandboxed, ...(pythonPath === null ? {} : { pythonPath }) });
    const resolved = { pythonPath, allowUnsandboxed, environment };
    this.#resolved = resolved;
    // As the base class: a failure is not remembered, so installing Python and retrying works.
    environment.catch(() => {
      if (this.#resolved === resolved) this.#resolved = null;
    });
    return environment;
  }
}
