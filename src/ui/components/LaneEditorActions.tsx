import { useState } from 'react';
import { Modal } from './Modal';
import { useApp } from './storeContext';

/** A custom lane's commands in its column header: Edit (the lane editor), Explore (every fault), Remove (asks). */
export function LaneEditorActions({ laneId }: { laneId: string }) {
  const openEditor = useApp((s) => s.openLaneEditor);
  const remove = useApp((s) => s.removeCustomLane);
  const explore = useApp((s) => s.exploreCustomLane);
  const [asking, setAsking] = useState(false);
  return (
    <div className="lane-editor-actions" role="group" aria-label={`Your lane ${laneId}`}>
      <button type="button" onClick={() => openEditor(laneId)} data-testid={`btn-lane-edit-${laneId}`} aria-label={`Edit lane ${laneId}`}>Edit</button>
      <button type="button" onClick={() => explore(laneId)} data-testid={`btn-lane-explore-${laneId}`} aria-label={`Explore lane ${laneId} under every crash and error`}>Explore</button>
      <button type="button" onClick={() => setAsking(true)} data-testid={`btn-lane-remove-${laneId}`} aria-label={`Remove lane ${laneId}`}>Remove</button>
      {asking && (
        <Modal
          title={`Remove lane “${laneId}”?`}
          onClose={() => setAsking(false)}
          testId="dialog-remove-lane"
          actions={
            <>
              <button type="button" onClick={() => setAsking(false)}>Keep it</button>
              <button
                type="button"
                data-testid="btn-lane-remove-confirm"
                onClick={() => {
                  setAsking(false);
                  void remove(laneId);
                }}
              >
                Remove
              </button>
            </>
          }
        >
          <p>Its SQL leaves the scenario (export or share the scenario first to keep a copy).</p>
        </Modal>
      )}
    </div>
  );
}
