/**
 * Where a custom lane is: the name of the statement it is about to run (`statements[1]`). A host that can watch a
 * lane from outside while it runs (a worker thread, a Web Worker) sets the probe, so that when a statement never ends
 * it can stop the worker and name the statement. One per thread; nothing is kept when no probe is set.
 */
let probe: ((statement: string) => void) | null = null;

export function setStatementProbe(fn: ((statement: string) => void) | null): void {
  probe = fn;
}

/** Called by the custom lane program before each statement it runs. */
export function reportStatement(statement: string): void {
  probe?.(statement);
}
