// axe-core scan of the main states, dark theme (the suite is in a11ySuite.mjs).
import { a11ySuite } from './a11ySuite.mjs';

a11ySuite(['dark']);
