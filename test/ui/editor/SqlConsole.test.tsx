// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CodeEditorProps } from '../../../src/ui/editor/codeEditorTypes';

// Monaco cannot run in jsdom: stand in for it with the textarea fallback, which has the same contract
vi.mock('../../../src/ui/editor/CodeEditor', async () => {
  const { default: FallbackEditor } = await import('../../../src/ui/editor/FallbackEditor');
  return { default: (p: CodeEditorProps) => <FallbackEditor {...p} ariaLabel={`monaco ${p.ariaLabel}`} /> };
});

const { default: SqlConsole } = await import('../../../src/ui/editor/SqlConsole');

afterEach(cleanup);

const textarea = async (lane: string) => (await screen.findByLabelText(`monaco SQL for lane ${lane}`)) as HTMLTextAreaElement;

describe('SqlConsole', () => {
  it('runs the SQL and shows the result grid with numbers right-aligned', async () => {
    const onRun = vi.fn(async () => ({ columns: ['id', 'path'], rows: [[1, 'a.csv'], [2, null]] }));
    render(<SqlConsole laneId="naive" initialSql="SELECT id, path FROM dest" onRun={onRun} />);
    expect((await textarea('naive')).value).toBe('SELECT id, path FROM dest');
    fireEvent.click(screen.getByTestId('btn-run-sql-naive'));
    const grid = await screen.findByTestId('sql-result-naive');
    expect(onRun).toHaveBeenCalledWith('SELECT id, path FROM dest');
    expect([...grid.querySelectorAll('th')].map((t) => t.textContent)).toEqual(['id', 'path']);
    const cells = grid.querySelectorAll('td');
    expect(cells[0]?.style.textAlign).toBe('right');
    expect(cells[1]?.style.textAlign).toBe('left');
    expect(cells[3]?.textContent).toBe('NULL');
    expect(grid.textContent).toContain('2 rows.');
  });

  it('shows the first 200 rows and says so', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => [i]);
    render(<SqlConsole laneId="l" onRun={async () => ({ columns: ['n'], rows })} />);
    fireEvent.click(screen.getByTestId('btn-run-sql-l'));
    const grid = await screen.findByTestId('sql-result-l');
    expect(grid.querySelectorAll('tbody tr')).toHaveLength(200);
    expect(grid.textContent).toContain('Showing the first 200 of 1,234 rows.');
  });

  it('shows a failed query inline and a loading state meanwhile', async () => {
    let reject: (e: Error) => void = () => {};
    const onRun = vi.fn(() => new Promise<never>((_, r) => (reject = r)));
    render(<SqlConsole laneId="m" onRun={onRun} />);
    fireEvent.click(screen.getByTestId('btn-run-sql-m'));
    const btn = screen.getByTestId('btn-run-sql-m') as HTMLButtonElement;
    expect(btn.disabled).toBe(true);
    expect(btn.textContent).toBe('Running…');
    await act(async () => reject(new Error('no such table: nope')));
    expect(screen.getByTestId('sql-error-m').textContent).toBe('no such table: nope');
    expect(btn.disabled).toBe(false);
  });

  it('keeps the text per lane, reports edits and runs on Ctrl+Enter', async () => {
    const onChange = vi.fn();
    const onRun = vi.fn(async () => ({ columns: [], rows: [] }));
    const { rerender } = render(<SqlConsole laneId="a" onRun={onRun} onChange={onChange} />);
    fireEvent.change(await textarea('a'), { target: { value: 'SELECT 1' } });
    expect(onChange).toHaveBeenCalledWith('SELECT 1');
    rerender(<SqlConsole laneId="b" onRun={onRun} onChange={onChange} />);
    expect((await textarea('b')).value).toBe('SELECT COUNT(*) AS rows FROM dest;');
    rerender(<SqlConsole laneId="a" onRun={onRun} onChange={onChange} />);
    const ta = await textarea('a');
    expect(ta.value).toBe('SELECT 1');
    fireEvent.keyDown(ta, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onRun).toHaveBeenCalledWith('SELECT 1'));
    expect(screen.getByTestId('sql-editor-a')).toBeTruthy();
  });

  it('reports cell clicks with the column, value and row', async () => {
    const onCellClick = vi.fn();
    render(<SqlConsole laneId="d" onRun={async () => ({ columns: ['id', 'n'], rows: [[7, 2]] })} onCellClick={onCellClick} />);
    fireEvent.click(screen.getByTestId('btn-run-sql-d'));
    const grid = await screen.findByTestId('sql-result-d');
    fireEvent.click(grid.querySelector('td button') as HTMLElement);
    expect(onCellClick).toHaveBeenCalledWith('id', 7, [7, 2]);
  });
});
