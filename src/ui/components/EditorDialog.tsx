import { lazy, Suspense, useEffect, useState } from 'react';
import type { ValidationIssue } from '../../engine/issues';
import { Modal } from './Modal';
import { useApp, useAppStore } from './storeContext';

const ScenarioEditor = lazy(() => import('../editor/ScenarioEditor'));

/**
 * Edits the scenario as JSON (lazy Monaco). Errors are listed as the text changes; Apply sends the text to the
 * store, which validates it, asks before it replaces edited work with another scenario, and closes the editor.
 */
export function EditorDialog() {
  const open = useApp((s) => s.editorOpen);
  return open ? <EditorBody /> : null;
}

function EditorBody() {
  const setOpen = useApp((s) => s.setEditorOpen);
  const requestReplace = useApp((s) => s.requestReplace);
  const store = useAppStore();
  const [text, setText] = useState(() => JSON.stringify(store.getState().doc, null, 2));
  const [errors, setErrors] = useState<ValidationIssue[]>([]);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      void import('../../engine/validate').then(({ parseScenarioText }) => {
        const v = parseScenarioText(text);
        if (live) setErrors(v.ok ? [] : v.errors);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);

  const apply = async () => {
    const out = await requestReplace({ source: 'editor', text });
    if (out.status === 'invalid') setErrors(out.issues);
  };
  return (
    <Modal
      title="Edit the scenario"
      onClose={() => setOpen(false)}
      autoFocus={false}
      wide
      actions={
        <>
          <button type="button" onClick={() => void apply()} disabled={errors.length > 0} data-testid="btn-apply-edit">Apply and run</button>
          <button type="button" onClick={() => setOpen(false)}>Cancel</button>
        </>
      }
    >
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <ScenarioEditor text={text} errors={errors} onChange={setText} height={420} />
      </Suspense>
    </Modal>
  );
}
