import type { Fault } from '../../state/types';
import { MAX_ATTEMPTS_LIMIT } from '../../state/workspaceSlice';
import { useState } from 'react';
import { rowCount } from '../../engine/format';
import { describeMoment } from '../../engine/moments';
import { offersFrom } from '../../engine/trace';
import { selectedEvent } from '../../state/selectors';
import { useApp } from './storeContext';

/**
 * Fault injection: crash/error at the selected step, the list of faults with their knobs, and retries. Only the
 * first part follows the cursor (what a fault here would hit); the list and the retries do not render on a step.
 */
export function FaultPanel() {
  const hasDoc = useApp((s) => !!s.doc);
  if (!hasDoc) return null;
  return (
    <section className="fault-panel" aria-labelledby="faults-title">
      <h2 id="faults-title">Faults</h2>
      <FaultHere />
      <FaultList />
    </section>
  );
}

/** "At naive step 7 (run 1, attempt 1): after 300 rows" and the two inject buttons: the selected step, or the cursor's. */
export function FaultHere() {
  const result = useApp((s) => s.result);
  const selected = useApp((s) => s.selected);
  const laneChoice = useApp((s) => s.laneChoice);
  const cursor = useApp((s) => s.cursor);
  const sel = selectedEvent({ result, selected, laneChoice, cursor });
  const addFault = useApp((s) => s.addFault);
  const [choice, setChoice] = useState(0);
  // the moments the engine says a fault can land on, from the selected step on
  const host = sel ? offersFrom(sel.lane.trace, sel.event.step) : null;
  const offers = host?.offers ?? [];
  const offer = offers[Math.min(choice, offers.length - 1)] ?? null;
  const inject = (kind: 'crash' | 'error') => {
    if (!host || !offer) return;
    addFault({ run: host.run, attempt: host.attempt, kind, at: offer.at });
  };
  return (
    <div className="fault-panel__here">
      <p className="muted">
        {sel && host && offer ? (
          <>
            At <strong>{sel.lane.id}</strong> step {host.step}
            {host.step !== sel.event.step ? ` (the first fault moment after step ${sel.event.step})` : ''} (run {host.run}, attempt {host.attempt}):{' '}
            {offers.length > 1 ? (
              <select aria-label="Fault moment" data-testid="fault-moment-choice" value={offers.indexOf(offer)} onChange={(ev) => setChoice(Number(ev.target.value))}>
                {offers.map((o, i) => (
                  <option key={i} value={i}>{o.label}</option>
                ))}
              </select>
            ) : (
              <em>{offer.label}</em>
            )}
          </>
        ) : sel ? (
          <>No fault can fire from <strong>{sel.lane.id}</strong> step {sel.event.step} to the end of its attempt: pick an earlier step.</>
        ) : (
          'Select a step to inject a fault there.'
        )}
      </p>
      <button type="button" data-testid="btn-crash-here" disabled={!offer} onClick={() => inject('crash')} aria-label="Crash here: the process dies at the selected step">
        ✕ crash here
      </button>
      <button type="button" data-testid="btn-error-here" disabled={!offer} onClick={() => inject('error')} aria-label="Error here: an exception at the selected step">
        ! error here
      </button>
    </div>
  );
}

/** The injected faults with their knobs, and the attempts per run: they change with the document, not the cursor. */
export function FaultList() {
  const doc = useApp((s) => s.doc);
  const runRowsAll = useApp((s) => s.result?.runRows);
  const updateFault = useApp((s) => s.updateFault);
  const removeFault = useApp((s) => s.removeFault);
  const setMaxAttempts = useApp((s) => s.setMaxAttempts);
  if (!doc) return null;
  // the store holds the document with its defaults applied: every fault has its attempt, retry its maxAttempts
  const faults = doc.faults;
  const maxAttempts = doc.retry.maxAttempts;
  const runs = doc.runs.length;
  const runRows = (run: number) => runRowsAll?.[run - 1] ?? 0;
  return (
    <>
      <ul className="fault-panel__list" data-testid="fault-list" aria-label="Injected faults">
        {faults.length === 0 && <li className="muted">No faults: every attempt succeeds.</li>}
        {faults.map((f, i) => {
          const attempt = f.attempt;
          return (
            <li key={i} className={`fault-panel__fault fault-panel__fault--kind-${f.kind}`}>
              <div className="fault-panel__line">
                <span aria-hidden="true">{f.kind === 'crash' ? '✕' : '!'}</span>
                <label>
                  <span className="visually-hidden">Kind of fault {i + 1}</span>
                  <select value={f.kind} onChange={(e) => updateFault(i, { ...f, kind: e.target.value as Fault['kind'] })}>
                    <option value="crash">crash</option>
                    <option value="error">error</option>
                  </select>
                </label>
                <label>
                  run{' '}
                  <select aria-label={`Run of fault ${i + 1}`} value={f.run} onChange={(e) => updateFault(i, { ...f, run: Number(e.target.value) })}>
                    {Array.from({ length: runs }, (_, r) => <option key={r} value={r + 1}>{r + 1}</option>)}
                  </select>
                </label>
                <label>
                  attempt{' '}
                  <select aria-label={`Attempt of fault ${i + 1}`} value={attempt} onChange={(e) => updateFault(i, { ...f, attempt: Number(e.target.value) })}>
                    {Array.from({ length: maxAttempts }, (_, a) => <option key={a} value={a + 1}>{a + 1}</option>)}
                  </select>
                </label>
                <button type="button" className="fault-panel__remove" data-testid={`btn-remove-fault-${i}`} onClick={() => removeFault(i)} aria-label={`Remove fault ${i + 1}`}>
                  remove
                </button>
              </div>
              <div className="fault-panel__moment">{describeMoment(f.at)}</div>
              {'afterRows' in f.at && runRows(f.run) > 0 && (
                <input
                  type="range"
                  min={1}
                  max={runRows(f.run)}
                  defaultValue={f.at.afterRows}
                  key={`${i}-${f.at.afterRows}`}
                  aria-label={`Rows written before fault ${i + 1}`}
                  aria-valuetext={`after ${rowCount(f.at.afterRows)}`}
                  onPointerUp={(e) => updateFault(i, { ...f, at: { afterRows: Number(e.currentTarget.value) } })}
                  onKeyUp={(e) => updateFault(i, { ...f, at: { afterRows: Number(e.currentTarget.value) } })}
                />
              )}
            </li>
          );
        })}
      </ul>
      <label className="fault-panel__retries">
        Attempts per run (first included){' '}
        <input type="number" min={1} max={MAX_ATTEMPTS_LIMIT} value={maxAttempts} onChange={(e) => e.target.value && setMaxAttempts(Number(e.target.value))} aria-label="Maximum attempts per run" />
      </label>
    </>
  );
}
