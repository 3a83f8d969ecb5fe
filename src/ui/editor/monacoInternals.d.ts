// monaco-editor 0.57 ships its suggest widget controller without typings and leaves it out of
// `features/suggest/register` (that file only adds inline completions): we import it by path for side effects.
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController';
