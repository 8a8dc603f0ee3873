import { useEffect, useState } from 'react';
import type { ModelAlias } from '../../shared/ipc/serveChannels.ts';
import { Icon } from '../components/Icon.tsx';

interface Row extends ModelAlias {
  key: number;
}

let nextKey = 0;
const rowsOf = (aliases: readonly ModelAlias[]): Row[] => aliases.map((a) => ({ ...a, key: nextKey++ }));
const complete = (rows: readonly Row[]) =>
  rows.filter((r) => r.name.trim() !== '' && r.model.trim() !== '').map((r) => ({ name: r.name.trim(), model: r.model.trim() }));
const same = (a: readonly ModelAlias[], b: readonly ModelAlias[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Model names clients ask for, and the models they run on instead (e.g. gpt-4o → llama3.2 on Ollama).
 * Rows save when a field loses focus; a row missing either side waits until it has both.
 */
export function AliasTable({ aliases, onSave }: { aliases: readonly ModelAlias[]; onSave: (aliases: ModelAlias[]) => void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(aliases));
  // Saved elsewhere (or refused): show what is stored, keeping rows still being written.
  useEffect(() => {
    setRows((current) => (same(complete(current), aliases) ? current : [...rowsOf(aliases), ...current.filter((r) => !r.name.trim() || !r.model.trim())]));
  }, [aliases]);

  const save = (next: readonly Row[]) => {
    const table = complete(next);
    if (!same(table, aliases)) onSave(table);
  };
  const edit = (key: number, change: Partial<ModelAlias>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const remove = (key: number) => {
    const next = rows.filter((r) => r.key !== key);
    setRows(next);
    save(next);
  };

  return (
    <div className="alias-table">
      <div className="section-head">
        <span className="field-label">Model aliases</span>
        <button type="button" className="text-button" onClick={() => setRows([...rows, { name: '', model: '', key: nextKey++ }])}>
          <Icon name="plus" size={14} /> Add alias
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="field-help">No aliases: runs ask the provider for the model the assistant names (or the model above).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name clients ask for</th>
              <th scope="col">Model it runs on</th>
              <th scope="col" className="visually-hidden">
                Remove
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <td>
                  <input
                    className="is-mono"
                    aria-label={`Alias ${i + 1} name`}
                    value={row.name}
                    placeholder="gpt-4o"
                    spellCheck={false}
                    onChange={(e) => edit(row.key, { name: e.target.value })}
                    onBlur={() => save(rows)}
                  />
                </td>
                <td>
                  <input
                    className="is-mono"
                    aria-label={`Alias ${i + 1} model`}
                    value={row.model}
                    placeholder="llama3.2"
                    spellCheck={false}
                    onChange={(e) => edit(row.key, { model: e.target.value })}
                    onBlur={() => save(rows)}
                  />
                </td>
                <td>
                  <button type="button" className="icon-button" aria-label={`Remove alias ${row.name || i + 1}`} onClick={() => remove(row.key)}>
                    <Icon name="trash" size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
