import { ConfigError } from './config';

/**
 * Runs a process's main function. A failure at start-up ends the process with one line that says
 * what to fix (no stack trace for a wrong setting); unexpected errors still show their stack.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`${name}: ${error.message}`);
    } else {
      console.error(`${name}: failed:`, error);
    }
    process.exit(1);
  });
}
