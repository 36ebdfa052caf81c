/** `npm start`: the whole system on one machine, its data in .data/ (README.md, The two commands). */
import { runLocalSystem } from './local-system';

void runLocalSystem({ command: 'npm start', defaultDataDir: '.data' });
