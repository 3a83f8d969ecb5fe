import type { KeyboardEvent, FocusEvent } from 'react';
import { fileRowsOf } from '../../state/fileRows';
import { fmt } from '../../state/selectors';
import { plural, rowCount } from '../../engine/format';
import { useApp } from './storeContext';

/**
 * Quick control for the most common edit: how many rows each file holds. A file of one `ids` block gets a number
 * field (applied on Enter or when leaving the field, so typing "2000" does not run 2, 20 and 200 first); other files
 * show their count and are edited in the scenario editor.
 */
export function FilesPanel() {
  const doc = useApp((s) => s.doc);
  const setFileRows = useApp((s) => s.setFileRows);
  if (!doc) return null;
  const files = fileRowsOf(doc);
  const apply = (id: string, el: HTMLInputElement) => {
    const n = Number(el.value);
    if (el.value.trim() !== '' && Number.isFinite(n)) setFileRows(id, n);
    // a blank, clamped or unchanged value leaves the document as it was: show what it holds (a real change
    // remounts the field with the new size)
    el.value = el.defaultValue;
  };
  return (
    <section className="files-panel" aria-labelledby="files-title">
      <h2 id="files-title">Files</h2>
      <ul className="files-panel__list">
        {files.map((f) => (
          <li key={f.id} className="files-panel__file" data-testid={`file-${f.id}`}>
            <code className="files-panel__path">{f.path}</code>
            {f.resizable ? (
              <label className="files-panel__rows">
                <input
                  type="number"
                  min={1}
                  max={f.resizable.max}
                  step={1}
                  defaultValue={f.rows}
                  key={`${f.id}-${f.rows}`}
                  aria-label={`Rows in ${f.path} (at most ${fmt(f.resizable.max)})`}
                  data-testid={`file-rows-${f.id}`}
                  onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
                    if (e.key === 'Enter') apply(f.id, e.currentTarget);
                    if (e.key === 'Escape') e.currentTarget.value = e.currentTarget.defaultValue;
                  }}
                  onBlur={(e: FocusEvent<HTMLInputElement>) => apply(f.id, e.currentTarget)}
                />{' '}
                {plural(f.rows, 'row')} <span className="muted">(ids {fmt(f.resizable.from)}–{fmt(f.resizable.from + f.rows - 1)})</span>
              </label>
            ) : (
              <span className="files-panel__rows">
                {rowCount(f.rows)} <span className="muted">(edit in the scenario)</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
