// axe-core scan of the main states, light theme (the suite is in a11ySuite.mjs).
import { a11ySuite } from './a11ySuite.mjs';

a11ySuite(['light']);
