import { useId, useState } from 'react';
import { toAppError } from '../api/index.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';

/** The settings that let local code run without a sandbox; each is off until the user switches it on. */
type UnsandboxedSetting = 'allowUnsandboxedPython' | 'allowUnsandboxedHandlers';

interface UnsandboxedToggleProps {
  setting: UnsandboxedSetting;
  label: string;
  /** What running without a sandbox means, and when the switch matters on this machine. */
  help: string;
  /** Whether this machine has a sandbox, when known. */
  sandboxAvailable: boolean | null;
  /** Shown while the switch is on and the machine is known to have no sandbox. */
  warning: string;
  onError: (message: string) => void;
}

/**
 * A switch for running local code without a sandbox. It matters only where no sandbox is available
 * (where one is, the code still runs in it), and the help says so for this machine.
 */
export function UnsandboxedToggle({ setting, label, help, sandboxAvailable, warning, onError }: UnsandboxedToggleProps) {
  const saved = useSettingsStore((s) => s.settings?.[setting] ?? false);
  const update = useSettingsStore((s) => s.update);
  // The switch moves at once; it falls back to the saved value when saving fails.
  const [pending, setPending] = useState<boolean | null>(null);
  const allowed = pending ?? saved;
  const ids = { input: useId(), help: useId() };
  const change = (next: boolean) => {
    setPending(next);
    update({ [setting]: next })
      .catch((error: unknown) => onError(toAppError(error).message))
      .finally(() => setPending(null));
  };
  return (
    <div className="field field-toggle">
      <label htmlFor={ids.input}>{label}</label>
      <input
        id={ids.input}
        type="checkbox"
        // biome-ignore lint/a11y/useAriaPropsForRole: a checkbox input's checked state is the switch's aria-checked (HTML-AAM); ARIA in HTML says not to set aria-checked on it
        role="switch"
        className="switch"
        checked={allowed}
        aria-describedby={ids.help}
        onChange={(e) => change(e.target.checked)}
      />
      <p id={ids.help} className="field-help">
        {help}
      </p>
      {allowed && sandboxAvailable === false && (
        <p className="field-problem is-warning" role="status">
          {warning}
        </p>
      )}
    </div>
  );
}
