import { useApp, useAppStore } from './storeContext';

/** Export the document as a JSON file; import one (invalid files list their errors and keep the current work). */
export function ImportExport() {
  const store = useAppStore();
  const showBanner = useApp((s) => s.showBanner);
  const exportDoc = () => {
    const doc = store.getState().doc;
    if (!doc) return;
    const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${doc.id}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const importFile = async (file: File) => {
    const text = await file.text();
    const { formatIssue, parseScenarioText } = await import('../../engine/validate');
    const v = parseScenarioText(text);
    if (!v.ok) {
      showBanner({ kind: 'error', text: `“${file.name}” is not a valid scenario; your current work is kept.`, details: v.errors.map(formatIssue) });
      return;
    }
    // the same rule as the picker: edited work is replaced only when the user says so
    if (store.getState().edited && !window.confirm(`Replace your edited scenario with “${file.name}”?`)) return;
    showBanner(null);
    store.getState().replaceDoc(JSON.parse(text), { edited: true, baseId: null });
  };
  return (
    <div className="import-export">
      <button type="button" data-testid="btn-export" onClick={exportDoc} aria-label="Export the scenario as a JSON file">Export</button>
      <label className="file-button">
        Import
        <input
          type="file"
          accept="application/json,.json"
          data-testid="input-import"
          aria-label="Import a scenario JSON file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </label>
    </div>
  );
}
