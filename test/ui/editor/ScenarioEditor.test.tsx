// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CodeEditorProps, EditorMarker } from '../../../src/ui/editor/codeEditorTypes';

const seen = {
  markers: undefined as readonly EditorMarker[] | undefined,
  reveal: vi.fn((_line: number, _column: number) => {}),
  ready: false,
};

// Monaco cannot run in jsdom: record what the scenario editor hands it
vi.mock('../../../src/ui/editor/CodeEditor', async () => {
  const { useEffect } = await import('react');
  function MockMonaco(p: CodeEditorProps) {
    seen.markers = p.markers;
    const { onReady } = p;
    useEffect(() => {
      onReady?.({ focus: () => {}, reveal: seen.reveal });
      seen.ready = true;
    }, [onReady]);
    return <textarea aria-label="monaco" value={p.value} onChange={(e) => p.onChange(e.target.value)} />;
  }
  return { default: MockMonaco };
});

const { default: ScenarioEditor } = await import('../../../src/ui/editor/ScenarioEditor');

afterEach(() => {
  cleanup();
  seen.ready = false;
});

const text = `{
  "runs": [
    { "input": ["f1"] },
    { "input": ["f9"] }
  ]
}`;

describe('ScenarioEditor', () => {
  it('lists errors with their lines and passes them to the editor as markers', async () => {
    const onChange = vi.fn();
    const errors = [
      { path: ['runs', 1, 'input', 0], message: 'unknown file "f9"' },
      { path: ['name'], message: 'Required' },
    ];
    render(<ScenarioEditor text={text} errors={errors} onChange={onChange} />);
    await screen.findByLabelText('monaco');
    // the lazy editor commits outside act(), so its ready effect can run after the textarea appears
    await waitFor(() => expect(seen.ready).toBe(true));
    const list = screen.getByTestId('scenario-errors');
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect(list.textContent).toContain('line 4 runs[1].input[0]: unknown file "f9"');
    expect(list.textContent).toContain('line 1 name: Required');
    expect(seen.markers).toEqual([
      { line: 4, column: 17, message: 'runs[1].input[0]: unknown file "f9"' },
      { line: 1, column: 1, message: 'name: Required' },
    ]);
    fireEvent.click(list.querySelectorAll('li button')[0] as HTMLElement);
    expect(seen.reveal).toHaveBeenCalledWith(4, 17);
    fireEvent.change(screen.getByLabelText('monaco'), { target: { value: '{}' } });
    expect(onChange).toHaveBeenCalledWith('{}');
    expect(screen.getByTestId('scenario-editor')).toBeTruthy();
  });

  it('marks a JSON syntax error at its offset and a dotted key as one step', async () => {
    const bad = '{\n  "runs": [,]\n}';
    const { rerender } = render(
      <ScenarioEditor text={bad} errors={[{ path: [], message: 'invalid JSON at line 2, column 12: expected a value', offset: 13 }]} onChange={() => {}} />,
    );
    await screen.findByLabelText('monaco');
    expect(seen.markers).toEqual([{ line: 2, column: 12, message: '(document): invalid JSON at line 2, column 12: expected a value' }]);
    const dotted = '{\n  "table": {\n    "columns": { "a": "TEXT", "a.b": "REAL" }\n  }\n}';
    rerender(<ScenarioEditor text={dotted} errors={[{ path: ['table', 'columns', 'a.b'], message: 'bad' }]} onChange={() => {}} />);
    expect(seen.markers).toEqual([{ line: 3, column: 31, message: 'table.columns.a.b: bad' }]);
  });

  it('shows an empty error region when the document is valid', async () => {
    render(<ScenarioEditor text={text} errors={[]} onChange={() => {}} />);
    await screen.findByLabelText('monaco');
    expect(screen.getByTestId('scenario-errors').textContent).toBe('');
    expect(seen.markers).toEqual([]);
  });
});
