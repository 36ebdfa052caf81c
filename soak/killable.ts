/**
 * A part of the system the soak may crash: `kill()` sends SIGKILL (no shutdown hooks, work in
 * flight abandoned) and `restart()` starts it again and resolves once it serves.
 */
export interface Killable {
  name: string;
  kill(): void | Promise<void>;
  restart(): Promise<void>;
  /** False once its process has ended, killed or on its own (then the soak, as a supervisor would, starts it again). */
  running(): boolean;
}

/** True while a process of that id exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
