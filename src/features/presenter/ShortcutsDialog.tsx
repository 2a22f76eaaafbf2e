/** The list of keyboard shortcuts, opened with `?` or its button; Escape or Close shuts it. */
import { useEffect, useRef } from 'react';

export interface ShortcutRow {
  key: string;
  does: string;
}

export function ShortcutsDialog({ open, shortcuts, onClose }: { open: boolean; shortcuts: ShortcutRow[]; onClose: () => void }) {
  return open ? <ShortcutsList shortcuts={shortcuts} onClose={onClose} /> : null;
}

/** The dialog itself: modal from the moment it is shown, gone when closed. */
function ShortcutsList({ shortcuts, onClose }: { shortcuts: ShortcutRow[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-h" onClose={onClose}>
      <h2 id="shortcuts-h">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.key}>
              <th scope="row">
                <kbd>{s.key === '?' ? '?' : s.key.toUpperCase()}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">They work anywhere on the page except while typing in a field.</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
