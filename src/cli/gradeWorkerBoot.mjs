// Worker-thread entry when the CLI runs from TypeScript sources (tsx): register tsx in this thread, then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./gradeWorker.ts');
