/**
 * A part of the system the soak may crash: `kill()` sends SIGKILL (no shutdown hooks, work in
 * flight abandoned) and `restart()` starts it again and resolves once it serves.
 */
export interface Killable {
  name: string;
  kill(): void | Promise<void>;
  restart(): Promise<void>;
}
