import type { PendingReplace, ReplaceSource } from '../../state/types';
import { Modal } from './Modal';
import { useApp } from './storeContext';

const TITLE: Record<ReplaceSource, string> = {
  share: 'Open the shared scenario?',
  import: 'Open the imported scenario?',
  picker: 'Open another scenario?',
  editor: 'Replace your scenario with the editor’s?',
  'other-tab': 'This scenario was changed in another tab',
};

const CONFIRM: Record<ReplaceSource, string> = {
  share: 'Open shared scenario',
  import: 'Open imported scenario',
  picker: 'Open scenario',
  editor: 'Apply and replace',
  'other-tab': 'Load that version',
};

function What({ p }: { p: PendingReplace }) {
  switch (p.source) {
    case 'share':
      return (
        <>
          The link opens <strong>{p.doc.title}</strong>. You have edited work saved in this browser; opening the shared
          scenario replaces it.
        </>
      );
    case 'import':
      return (
        <>
          <strong>{p.name}</strong> holds <strong>{p.doc.title}</strong>. Opening it replaces your edited scenario.
        </>
      );
    case 'picker':
      return (
        <>
          Opening <strong>{p.name}</strong> replaces your edits to this scenario.
        </>
      );
    case 'editor':
      return (
        <>
          The editor now holds another scenario, <strong>{p.doc.title}</strong>. Applying it replaces your edited work.
        </>
      );
    case 'other-tab':
      return (
        <>
          Another RunTwice tab saved <strong>{p.doc.title}</strong>{p.saved?.edited ? ' (edited)' : ''}. Loading that
          version replaces the scenario in this tab; keeping yours saves it again, and the other tab is asked the same.
          Nothing is saved here until you answer.
        </>
      );
  }
}

/**
 * Asks before a document (shared link, import, picker, editor, another tab's save) replaces the user's edited work;
 * the store decides when.
 */
export function ReplaceDialog() {
  const pending = useApp((s) => s.pendingReplace);
  const confirm = useApp((s) => s.confirmReplace);
  const cancel = useApp((s) => s.cancelReplace);
  if (!pending) return null;
  return (
    <Modal
      title={TITLE[pending.source]}
      onClose={cancel}
      testId="dialog-replace"
      actions={
        <>
          <button type="button" onClick={confirm} data-testid="btn-confirm-replace">{CONFIRM[pending.source]}</button>
          <button type="button" onClick={cancel} data-testid="btn-keep-work">{pending.source === 'other-tab' ? 'Keep mine' : 'Keep my work'}</button>
        </>
      }
    >
      <p data-source={pending.source}>
        <What p={pending} />
      </p>
    </Modal>
  );
}
