import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalProps {
  title: string;
  /** Escape (and a backdrop click, when allowed) closes; without it the user must answer with a button. */
  onClose?: () => void;
  closeOnBackdrop?: boolean;
  /** Focus the first enabled button on open; otherwise the dialog itself takes focus (so Escape still reaches it). */
  autoFocus?: boolean;
  wide?: boolean;
  testId?: string;
  children: ReactNode;
  /** The dialog's buttons, in a row under its content. */
  actions?: ReactNode;
}

/**
 * The one modal dialog shape: a backdrop, a labelled role="dialog", focus moved inside, Escape to close. The element
 * that had focus when it opened (the button that opened it) gets it back when it closes, if it is still on the page.
 */
export function Modal({ title, onClose, closeOnBackdrop = false, autoFocus = true, wide = false, testId, children, actions }: ModalProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const node = box.current;
    return () => {
      // unless something outside the dialog took focus meanwhile (whatever had it inside is gone with it)
      const now = document.activeElement;
      if (opener?.isConnected && (!now || now === document.body || !now.isConnected || node?.contains(now))) opener.focus();
    };
  }, []);
  useEffect(() => {
    const first = autoFocus ? box.current?.querySelector<HTMLButtonElement>('button:not([disabled])') : null;
    (first ?? box.current)?.focus();
  }, [autoFocus]);
  // Rendered at the end of <body>, whatever opened it: a dialog opened from inside a lane column would otherwise be
  // positioned and clipped by the column (columns contain their layout and paint: a fixed backdrop is fixed to them).
  return createPortal(
    <div className="modal__backdrop" onClick={closeOnBackdrop ? onClose : undefined}>
      <div
        ref={box}
        className={wide ? 'modal modal--wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose?.()}
      >
        <h2 id={titleId} className="modal__title">{title}</h2>
        {children}
        {actions && <div className="modal__actions">{actions}</div>}
      </div>
    </div>,
    document.body,
  );
}
