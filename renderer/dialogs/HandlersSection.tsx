import { UnsandboxedToggle } from './UnsandboxedToggle.tsx';

/** How Function handlers run: in the same sandbox as the code interpreter, and the switch for running them without one. */
export function HandlersSection({ onError }: { onError: (message: string) => void }) {
  return (
    <section className="settings-section" aria-labelledby="handlers-title">
      <h3 id="handlers-title" className="section-title">
        Function handlers
      </h3>
      <p className="field-help">
        Each call runs in a sandbox of its own (bubblewrap on Linux, sandbox-exec on macOS): no home or data folder, no environment of the app, no network
        except through ctx.fetch when the Function allows it, and memory, processes and time capped.
      </p>
      <UnsandboxedToggle
        setting="allowUnsandboxedHandlers"
        label="Run Function handlers without a sandbox (weaker)"
        help="Without a sandbox, only Node's permission model holds a handler back: it cannot read your files or start programs, but it can reach the network without asking, and one that never ends can outlive the app if the app is killed. This matters only where no sandbox is available (the code interpreter section says whether one is); where one is, handlers keep running in it."
        sandboxAvailable={null}
        warning="Function handlers run without a sandbox on this machine."
        onError={onError}
      />
    </section>
  );
}
