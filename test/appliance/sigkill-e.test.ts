import t from 'tap';
import { killRounds } from './sigkill-rounds.js';

// Fifty kills in all, in five files of ten so that each stays well inside the per-file time limit.
await killRounds(t, 10);
