import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { CodeEditorProps } from './codeEditorTypes';
import FallbackEditor from './FallbackEditor';

// the only path to Monaco: this dynamic import is what keeps it out of the initial bundle
const CodeEditor = lazy(() => import('./CodeEditor'));

/** If Monaco's chunk fails to load, keep the textarea rather than lose the editor. */
class KeepFallback extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Monaco once loaded, a textarea until then (or for good, if loading fails). */
export default function LazyCodeEditor(props: CodeEditorProps) {
  const fallback = <FallbackEditor {...props} />;
  return (
    <KeepFallback fallback={fallback}>
      <Suspense fallback={fallback}>
        <CodeEditor {...props} />
      </Suspense>
    </KeepFallback>
  );
}
