import { useEffect, useMemo, useState } from 'react';
import { laneToScript } from '../../engine/custom/script';
import { checkLaneScript, customLaneOf, LANE_TEMPLATES, placeInWorkspace, templateScript, type LaneIssue } from '../../state/customLanes';
import { LaneScriptEditor } from './LaneScriptEditor';
import { Modal } from './Modal';
import { useApp, useAppStore } from './storeContext';

/**
 * "New lane" and a custom lane's "Edit": the lane script in Monaco (SQL with header comments), started from a
 * built-in written as a custom lane or from a blank lane, checked as it is typed (the script, then the validator on
 * the scenario with the lane in it). "Add lane" puts it in the scenario through the store's edit path: it runs as one
 * more column under the same cursor and faults, saved with the workspace and carried by share links and exports.
 */
export default function LaneEditorDialog() {
  const editor = useApp((s) => s.laneEditor);
  return editor ? <LaneEditorBody editing={editor.editing} /> : null;
}

function LaneEditorBody({ editing }: { editing: string | null }) {
  const store = useAppStore();
  const close = useApp((s) => s.closeLaneEditor);
  const save = useApp((s) => s.saveCustomLane);
  const doc = useApp((s) => s.doc);
  const [original] = useState(() => {
    const d = store.getState().doc;
    const lane = editing ? customLaneOf(d, editing) : null;
    return lane ? laneToScript(lane) : templateScript(d, LANE_TEMPLATES[0] as (typeof LANE_TEMPLATES)[number]);
  });
  const [template, setTemplate] = useState('blank');
  const [text, setText] = useState(original);
  const [checked, setChecked] = useState<LaneIssue[]>([]);
  const [refused, setRefused] = useState<LaneIssue[]>([]);
  const [confirming, setConfirming] = useState(false);

  // checked a moment after typing stops (the validator runs the scenario's checks, not only the lane's)
  useEffect(() => {
    if (!doc) return;
    const t = setTimeout(() => setChecked(checkLaneScript(text, placeInWorkspace(doc, editing)).issues), 250);
    return () => clearTimeout(t);
  }, [text, doc, editing]);
  const issues = refused.length ? refused : checked;
  const partitioned = !!doc?.table.partitionBy;

  const pick = (id: string) => {
    const t = LANE_TEMPLATES.find((x) => x.id === id);
    if (!t) return;
    setTemplate(id);
    setText(templateScript(doc, t));
    setRefused([]);
  };
  const add = async () => {
    if (!doc) return;
    const c = checkLaneScript(text, placeInWorkspace(doc, editing));
    if (!c.lane || c.issues.length) return setChecked(c.issues);
    const out = await save(c.lane, editing);
    if (out.status === 'invalid') setRefused(checkLaneScript(text, placeInWorkspace(doc, editing)).issues);
  };
  const escape = () => (text !== original ? setConfirming(true) : close());
  const title = editing ? `Edit lane “${editing}”` : 'New lane';
  const templates = useMemo(() => LANE_TEMPLATES.filter((t) => partitioned || !t.partitioned), [partitioned]);

  return (
    <>
      <Modal
        title={title}
        onClose={escape}
        autoFocus={false}
        wide
        testId="dialog-lane-editor"
        actions={
          <>
            <button type="button" onClick={() => void add()} disabled={issues.length > 0} data-testid="btn-lane-save">
              {editing ? 'Save lane' : 'Add lane'}
            </button>
            <button type="button" onClick={close} data-testid="btn-lane-cancel">Cancel</button>
            <span className="lane-editor-dialog__keys muted">Ctrl+Enter adds the lane · Esc closes</span>
          </>
        }
      >
        {!editing && (
          <label className="lane-editor-dialog__template">
            Start from{' '}
            <select value={template} onChange={(e) => pick(e.target.value)} data-testid="lane-template">
              {templates.map((t) => (
                <option key={t.id} value={t.id}>{t.label}</option>
              ))}
            </select>
          </label>
        )}
        <p className="lane-editor-dialog__help muted">
          Plain SQL under <code>-- setup</code>, <code>-- skip</code>, <code>-- statements</code> and <code>-- on error</code>; the unit’s rows are in
          <code> batch</code>; parameters <code>:path :hash :path_hash :run :attempt :rows :now</code> are bound, never pasted in.
        </p>
        <LaneScriptEditor
          text={text}
          onChange={(t) => {
            setText(t);
            setRefused([]);
          }}
          issues={issues}
          path={`lane-${editing ?? 'new'}.sql`}
          height={300}
          ariaLabel="Lane script (SQL)"
          onRun={() => void add()}
        />
      </Modal>
      {confirming && (
        <Modal
          title="Discard this lane?"
          onClose={() => setConfirming(false)}
          testId="dialog-discard-lane"
          actions={
            <>
              <button type="button" onClick={() => setConfirming(false)}>Keep editing</button>
              <button type="button" onClick={close} data-testid="btn-discard-lane">Discard</button>
            </>
          }
        >
          <p>The lane script was changed and not added. Closing the editor loses it.</p>
        </Modal>
      )}
    </>
  );
}
