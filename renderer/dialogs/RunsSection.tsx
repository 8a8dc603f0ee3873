import { useEffect, useId, useState } from 'react';
import { toAppError } from '../api/index.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';

const MIN = 5;
const MAX = 600;

/** Settings for runs: how long a provider's stream may stay silent before the answer is asked for again. */
export function RunsSection({ onError }: { onError: (message: string) => void }) {
  const saved = useSettingsStore((s) => s.settings?.streamIdleTimeoutSeconds ?? 30);
  const update = useSettingsStore((s) => s.update);
  const [text, setText] = useState(String(saved));
  useEffect(() => setText(String(saved)), [saved]);
  const ids = { title: useId(), input: useId(), help: useId() };
  const value = Number(text);
  const valid = Number.isInteger(value) && value >= MIN && value <= MAX;
  const commit = () => {
    if (!valid || value === saved) return;
    update({ streamIdleTimeoutSeconds: value }).catch((error: unknown) => onError(toAppError(error).message));
  };
  return (
    <section className="settings-section" aria-labelledby={ids.title}>
      <h3 id={ids.title} className="section-title">
        Runs
      </h3>
      <div className="field">
        <label htmlFor={ids.input}>Provider silence limit (seconds)</label>
        <input
          id={ids.input}
          type="number"
          min={MIN}
          max={MAX}
          step={1}
          value={text}
          aria-invalid={!valid}
          aria-describedby={ids.help}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        <p id={ids.help} className={valid ? 'field-help' : 'field-problem is-error'}>
          {valid
            ? 'When a model’s answer stops arriving for this long, the answer is given up and asked for again (twice at most); the run then fails with the reason. Raise it for slow local models.'
            : `Enter a whole number of seconds from ${MIN} to ${MAX}.`}
        </p>
      </div>
    </section>
  );
}
