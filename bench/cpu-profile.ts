/**
 * `npm run bench -- --cpu-profile`: the worker processes run with Node's `--cpu-prof`, the bench
 * process (the driver and the API, `buildServer`) profiles itself through the inspector
 * (`profileThisProcess`), and once they have stopped, each profile is summarised here as the share
 * of busy CPU time (idle excluded) spent in each area of the code: a project folder (activities/,
 * mail/, …), the workflow bundle (workflows/ as the worker runs it), a package under node_modules,
 * Node's own code, or the garbage collector. Profiles of worker threads (where workflows run) are
 * separate files.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  pid: number;
  threadId: number;
  busyMs: number;
  /** Area → share of busy time (0–1), largest first. */
  areas: [string, number][];
  /** Functions with the most self time: "name (area)" → share of busy time. */
  functions: [string, number][];
}

const root = join(__dirname, '..');

function areaOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const path = url.replace(/^file:\/\//, '');
  if (/workflow-bundle|webpack/.test(path)) return 'workflow bundle';
  const local = relative(root, path);
  return local.startsWith('..') ? path : `${local.split('/')[0]}/`;
}

export function summarizeCpuProfiles(dir: string): ProfileSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return files.map((file) => {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const selfUs = new Map<number, number>();
    profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const areas = new Map<string, number>();
    const functions = new Map<string, number>();
    let busy = 0;
    for (const [id, us] of selfUs) {
      const frame = byId.get(id)!;
      if (frame.functionName === '(idle)') continue;
      busy += us;
      const area = areaOf(frame);
      areas.set(area, (areas.get(area) ?? 0) + us);
      const name = `${frame.functionName || '(anonymous)'} (${area})`;
      functions.set(name, (functions.get(name) ?? 0) + us);
    }
    const shares = (m: Map<string, number>, top: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, v]) => [k, Math.round((v / busy) * 1000) / 1000] as [string, number]);
    // CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile
    const [, , , pid, threadId] = file.split('.');
    return {
      file,
      pid: Number(pid),
      threadId: Number(threadId),
      busyMs: Math.round(busy / 1000),
      areas: shares(areas, 15),
      functions: shares(functions, 15),
    };
  });
}

/**
 * Profiles this process (the bench driver and the API it serves) until `stop()`, which writes the
 * profile into `dir` under the name `--cpu-prof` gives (CPU.<date>.<time>.<pid>.<threadId>.<seq>),
 * so `summarizeCpuProfiles` reads it with the workers'.
 */
export async function profileThisProcess(dir: string): Promise<{ stop(): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const now = new Date().toISOString();
      const [date, time] = [now.slice(0, 10).replace(/-/g, ''), now.slice(11, 19).replace(/:/g, '')];
      writeFileSync(join(dir, `CPU.${date}.${time}.${process.pid}.0.001.cpuprofile`), JSON.stringify(profile));
    },
  };
}
