import { Markdown } from './Markdown';
import { useApp } from './storeContext';

/** The scenario's story beside the lanes, collapsible. */
export function StoryPanel() {
  const doc = useApp((s) => s.doc);
  if (!doc) return null;
  return (
    <details className="story" open>
      <summary>
        <span className="story__title">{doc.title}</span>
      </summary>
      <Markdown source={doc.story} />
    </details>
  );
}
