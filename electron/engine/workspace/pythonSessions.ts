import { SessionManager, type SessionManagerOptions } from '../codeInterpreter/manager.ts';
import { resolveEnvironment, type InterpreterEnvironment } from '../codeInterpreter/environment.ts';

/**
 * Code Interpreter sessions whose Python follows the settings: the configured path is read each time
 * the environment is needed, so a change in the settings applies to the next session without
 * restarting the run engine.
 */
export class SettingsSessions extends SessionManager {
  readonly #options: Omit<SessionManagerOptions, 'pythonPath'>;
  readonly #pythonPath: () => string | null;
  #resolved: { pythonPath: string | null; environment: Promise<InterpreterEnvironment> } | null = null;

  constructor(options: Omit<SessionManagerOptions, 'pythonPath'>, pythonPath: () => string | null) {
    super(options);
    this.#options = options;
    this.#pythonPath = pythonPath;
  }

  override environment(): Promise<InterpreterEnvironment> {
    const pythonPath = this.#pythonPath();
    const current = this.#resolved;
    if (current && current.pythonPath === pythonPath) return current.environment;
    const environment = resolveEnvironment(pythonPath === null ? this.#options : { ...this.#options, pythonPath });
    const resolved = { pythonPath, environment };
    this.#resolved = resolved;
    // As the base class: a failure is not remembered, so installing Python and retrying works.
    environment.catch(() => {
      if (this.#resolved === resolved) this.#resolved = null;
    });
    return environment;
  }
}
