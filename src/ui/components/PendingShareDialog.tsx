import { Modal } from './Modal';
import { useApp } from './storeContext';

/** Asks before a shared scenario replaces the user's edited workspace. */
export function PendingShareDialog() {
  const pending = useApp((s) => s.pendingShare);
  const accept = useApp((s) => s.acceptPendingShare);
  const reject = useApp((s) => s.rejectPendingShare);
  if (!pending) return null;
  return (
    <Modal title="Open the shared scenario?" testId="dialog-pending-share">
      <p>
        The link opens <strong>{pending.doc.title}</strong>. You have edited work saved in this browser; opening the
        shared scenario replaces it.
      </p>
      <div className="modal-buttons">
        <button type="button" onClick={accept} data-testid="btn-open-shared">Open shared scenario</button>
        <button type="button" onClick={reject} data-testid="btn-keep-work">Keep my work</button>
      </div>
    </Modal>
  );
}
