import { useApp, useAppStore } from './storeContext';

/** Export the document as a JSON file; import one (invalid files list their errors and keep the current work). */
export function ImportExport() {
  const store = useAppStore();
  const requestReplace = useApp((s) => s.requestReplace);
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
  // the store validates, refuses an invalid file with its errors, and asks before it replaces edited work
  const importFile = async (file: File) => {
    await requestReplace({ source: 'import', text: await file.text(), name: file.name });
  };
  return (
    <div className="import-export">
      <button type="button" data-testid="btn-export" onClick={exportDoc} aria-label="Export the scenario as a JSON file">Export</button>
      <label className="import-export__file-button">
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
