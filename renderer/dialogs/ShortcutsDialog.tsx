import { CLIPBOARD_SHORTCUTS, displayKeys, SHORTCUTS } from '../app/shortcuts.ts';
import { Dialog } from '../components/Dialog.tsx';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const rows = [...SHORTCUTS, ...CLIPBOARD_SHORTCUTS];
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="primary-button" data-autofocus onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <table className="shortcut-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.description}>
              <th scope="row">{row.description}</th>
              <td>
                {row.keys.map((k) => (
                  <kbd key={k}>{displayKeys(k)}</kbd>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">While typing in a field or the code editor, undo, delete and select-all act on the text.</p>
    </Dialog>
  );
}
