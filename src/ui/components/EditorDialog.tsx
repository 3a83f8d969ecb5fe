import { lazy, Suspense, useEffect, useState } from 'react';
import type { ValidationIssue } from '../../engine/issues';
import { sameDoc } from '../../state/workspaceSlice';
import type { WorkspaceDoc } from '../../state/types';
import { Modal } from './Modal';
import { useApp, useAppStore } from './storeContext';

const ScenarioEditor = lazy(() => import('../editor/ScenarioEditor'));

/**
 * Edits the scenario as JSON (lazy Monaco). Errors are listed as the text changes; Apply sends the text to the
 * store, which validates it, asks before it replaces edited work with another scenario, and closes the editor.
 * Escape over a changed draft asks "Discard your changes?" first; Cancel discards it.
 */
export function EditorDialog() {
  const open = useApp((s) => s.editorOpen);
  return open ? <EditorBody /> : null;
}

function EditorBody() {
  const setOpen = useApp((s) => s.setEditorOpen);
  const requestReplace = useApp((s) => s.requestReplace);
  const store = useAppStore();
  const [original] = useState(() => store.getState().doc);
  const [text, setText] = useState(() => JSON.stringify(original, null, 2));
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const [confirming, setConfirming] = useState(false);

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
  const escape = () => {
    if (draftChanged(text, original)) setConfirming(true);
    else setOpen(false);
  };
  return (
    <>
      <Modal
        title="Edit the scenario"
        onClose={escape}
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
      {confirming && (
        <Modal
          title="Discard your changes?"
          onClose={() => setConfirming(false)}
          testId="dialog-discard-edit"
          actions={
            <>
              <button type="button" onClick={() => setConfirming(false)} data-testid="btn-keep-editing">Keep editing</button>
              <button type="button" onClick={() => setOpen(false)} data-testid="btn-discard-edit">Discard changes</button>
            </>
          }
        >
          <p>The editor holds changes that were not applied. Closing it loses them.</p>
        </Modal>
      )}
    </>
  );
}

/** Whether the draft says something else than the document it started from (spacing and key order aside). */
function draftChanged(text: string, doc: WorkspaceDoc | null): boolean {
  if (text === JSON.stringify(doc, null, 2)) return false;
  try {
    const value = JSON.parse(text) as unknown;
    return !(doc && value && typeof value === 'object' && !Array.isArray(value) && sameDoc(doc, value as WorkspaceDoc));
  } catch {
    return true;
  }
}
