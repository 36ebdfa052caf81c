import type { Killable } from './killable';
import { log } from './system';
import { sleep } from './retry';

/** One blow of the chaos: what was killed (or the SMTP server paused) and when it served again. */
export interface ChaosEvent {
  at: number;
  parts: string[];
  /** When every part was back (restarted, or the SMTP server resumed). */
  backAt: number;
  /** A restart that failed (the soak fails on it). */
  failure?: string;
}

/** The SMTP server, paused (SIGSTOP) rather than killed: the soak measures this system, not Mailpit's durability. */
export interface Pausable {
  name: string;
  pause(): void;
  resume(): void;
}

/**
 * At seeded random times every 30–45 s, SIGKILLs one part (sometimes two at once), waits a few
 * seconds and starts it again, or pauses the SMTP server for a while; until `until` (epoch ms).
 */
export async function runChaos(options: {
  killables: Killable[];
  /** Started again if they end on their own, never killed on purpose. */
  watched: Killable[];
  smtp: Pausable;
  random: () => number;
  until: number;
  events: ChaosEvent[];
}): Promise<void> {
  const { random, events } = options;
  const parts: (Killable | Pausable)[] = [...options.killables, options.smtp];
  const between = (low: number, high: number) => low + random() * (high - low);
  for (;;) {
    const wait = between(30_000, 45_000);
    if (Date.now() + wait > options.until) return;
    await sleep(wait);
    const first = parts[Math.floor(random() * parts.length)]!;
    const others = parts.filter((p) => p !== first);
    const chosen = random() < 0.25 ? [first, others[Math.floor(random() * others.length)]!] : [first];
    const downMs = between(1_000, 6_000);
    const pauseMs = between(5_000, 20_000);
    const event: ChaosEvent = { at: Date.now(), parts: chosen.map((p) => p.name), backAt: 0 };
    events.push(event);
    log(`chaos: ${chosen.map((p) => ('pause' in p ? `pause ${p.name}` : `kill -9 ${p.name}`)).join(' and ')}`);
    await Promise.all(
      chosen.map(async (part) => {
        if ('pause' in part) {
          part.pause();
          await sleep(pauseMs);
          part.resume();
          return;
        }
        await part.kill();
        await sleep(downMs);
        for (let attempt = 1; ; attempt++) {
          try {
            await part.restart();
            return;
          } catch (error) {
            log(`${part.name} did not start again (attempt ${attempt}): ${(error as Error).message}`);
            if (attempt === 3) {
              event.failure = `${part.name} did not start again: ${(error as Error).message}`;
              return;
            }
          }
        }
      }),
    );
    event.backAt = Date.now();
    if (event.failure) return;
    log(`chaos: back after ${((event.backAt - event.at) / 1000).toFixed(1)} s`);
    await superviseOnce([...options.killables, ...options.watched], events);
  }
}

/**
 * What a supervisor (systemd, Kubernetes) does: a process that ended on its own, e.g. a Temporal
 * service that gave up while Postgres was away, is started again. Recorded as an event of its own,
 * so the figures show it; it is no failure unless it cannot start.
 */
export async function superviseOnce(killables: Killable[], events: ChaosEvent[]): Promise<void> {
  for (const part of killables.filter((k) => !k.running())) {
    const event: ChaosEvent = { at: Date.now(), parts: [`${part.name} (ended on its own)`], backAt: 0 };
    events.push(event);
    log(`supervisor: ${part.name} has ended on its own; starting it again`);
    try {
      await part.restart();
    } catch (error) {
      event.failure = `${part.name} ended on its own and did not start again: ${(error as Error).message}`;
    }
    event.backAt = Date.now();
  }
}
