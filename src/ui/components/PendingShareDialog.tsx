import { useEffect, useRef } from 'react';
import { useApp } from './storeContext';

/** Asks before a shared scenario replaces the user's edited workspace. */
export function PendingShareDialog() {
  const pending = useApp((s) => s.pendingShare);
  const accept = useApp((s) => s.acceptPendingShare);
  const reject = useApp((s) => s.rejectPendingShare);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) first.current?.focus();
  }, [pending]);
  if (!pending) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="pending-title" data-testid="dialog-pending-share">
        <h2 id="pending-title">Open the shared scenario?</h2>
        <p>
          The link opens <strong>{pending.doc.title}</strong>. You have edited work saved in this browser; opening the
          shared scenario replaces it.
        </p>
        <div className="modal-buttons">
          <button type="button" ref={first} onClick={accept} data-testid="btn-open-shared">Open shared scenario</button>
          <button type="button" onClick={reject} data-testid="btn-keep-work">Keep my work</button>
        </div>
      </div>
    </div>
  );
}
