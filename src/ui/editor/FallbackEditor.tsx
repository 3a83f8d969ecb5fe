import { useEffect, useRef } from 'react';
import type { CodeEditorProps } from './codeEditorTypes';

/**
 * A plain textarea with the editor's contract: shown while Monaco loads (the text is readable and editable at
 * once) and kept if Monaco fails to load.
 */
export default function FallbackEditor({ value, onChange, ariaLabel, height, onRun, onReady }: CodeEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    onReady?.({
      focus: () => ref.current?.focus(),
      reveal: (line, column) => {
        const el = ref.current;
        if (!el) return;
        const lines = el.value.split('\n');
        const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
        el.focus();
        el.setSelectionRange(offset, offset);
      },
    });
  }, [onReady]);
  return (
    <textarea
      ref={ref}
      aria-label={ariaLabel}
      data-fallback-editor=""
      value={value}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onRun) {
          e.preventDefault();
          onRun();
        }
      }}
      style={{
        display: 'block',
        boxSizing: 'border-box',
        width: '100%',
        height,
        resize: 'vertical',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 15,
        lineHeight: 1.4,
        padding: '4px 8px',
        color: 'inherit',
        background: 'transparent',
        border: '1px solid var(--border, #8884)',
        tabSize: 2,
      }}
    />
  );
}
