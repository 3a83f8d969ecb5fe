import { ChartLegend } from './ChartLegend';
import { Modal } from './Modal';
import { BadgeShape } from './VerdictBadge';
import { useApp } from './storeContext';

/** Keyboard shortcuts and how to read the screen. */
export function HelpDialog() {
  const open = useApp((s) => s.helpOpen);
  const setHelpOpen = useApp((s) => s.setHelpOpen);
  const openIntro = useApp((s) => s.openIntro);
  const setFrameworkOpen = useApp((s) => s.setFrameworkOpen);
  if (!open) return null;
  return (
    <Modal title="How to use RunTwice" onClose={() => setHelpOpen(false)} closeOnBackdrop>
      <p>
        <button type="button" data-testid="btn-intro" onClick={openIntro}>Start here: the one-minute introduction</button>{' '}
        <button type="button" onClick={() => { setHelpOpen(false); setFrameworkOpen(true); }}>The answer framework, checked</button>
      </p>
      <p>Every lane gets the same files, the same faults and the same retries. One cursor moves all lanes.</p>
      <table className="help-dialog__keys">
        <tbody>
          <tr><th><kbd>Space</kbd></th><td>play / pause</td></tr>
          <tr><th><kbd>←</kbd> <kbd>→</kbd></th><td>step back / forward</td></tr>
          <tr><th><kbd>Home</kbd> <kbd>End</kbd></th><td>start / end</td></tr>
          <tr><th><kbd>X</kbd></th><td>the explorer: every crash and error, in every lane, as one map (and back)</td></tr>
          <tr><th><kbd>C</kbd></th><td>the challenges: write a lane, grade it under every fault (and back)</td></tr>
          <tr><th><kbd>Ctrl</kbd> <kbd>Enter</kbd></th><td>in a lane or challenge editor: add the lane / grade it; in the SQL console: run</td></tr>
          <tr><th><kbd>Alt</kbd> <kbd>H</kbd></th><td>in a challenge: the next hint</td></tr>
          <tr><th><kbd>?</kbd></th><td>this help</td></tr>
          <tr><th><kbd>Esc</kbd></th><td>close a dialog; leave presenter mode</td></tr>
        </tbody>
      </table>
      <ul className="help-dialog__legend">
        <li><BadgeShape kind="exactly-once">exactly-once</BadgeShape> every key once, with the right values</li>
        <li><BadgeShape kind="duplicates">dup N</BadgeShape> N extra rows for keys already present</li>
        <li><BadgeShape kind="lost">lost N</BadgeShape> N keys of the truth missing</li>
        <li><BadgeShape kind="stale">stale N</BadgeShape> N keys hold old values</li>
        <li><BadgeShape kind="error">error</BadgeShape> a run failed: its retries ran out (not necessarily the last run)</li>
      </ul>
      <h3>The chart</h3>
      <ChartLegend />
      <p>Click a step, then “crash here” or “error here” to inject a fault at that moment; the simulation re-runs.
        Change a file's rows under “Files”, or anything else with Edit.</p>
      <p>“dest rows” is what the lane itself sees. While its transaction is open, “others see N” is what any other
        reader of the table sees: nothing of an open transaction is visible outside it.</p>
      <button type="button" onClick={() => setHelpOpen(false)}>Close</button>
    </Modal>
  );
}
