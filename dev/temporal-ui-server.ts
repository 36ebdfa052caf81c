import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { temporalUiCodecEndpoint, temporalUiPath } from '../config/temporal-ui';
import { killOnExit, stopChild } from './child-process';
import { ensureGoBinary, GoBinaryUnavailable, type GoProgram } from './go-binary';
import { temporalCliVersion } from './temporal-cli';

/**
 * The Temporal UI server, built from its Go module like the Temporal CLI (dev/go-binary.ts): the
 * version the CLI embeds, whose embedded UI cannot turn off write actions. `npm start` and the
 * tests run it beside a headless dev server; the API serves it to administrators
 * (api/temporal-ui/proxy.ts). TEMPORAL_UI_SERVER_PATH; `temporal-ui-server` on PATH; a build
 * cached per user; `go install`.
 */
export const temporalUiServerVersion = 'v2.42.1';

export const temporalUiServerProgram: GoProgram = {
  title: 'the Temporal UI server',
  command: 'temporal-ui-server',
  module: 'github.com/temporalio/ui-server/v2/cmd/server',
  installs: 'server',
  version: temporalUiServerVersion,
  pathSetting: 'TEMPORAL_UI_SERVER_PATH',
  cacheSetting: 'TEMPORAL_UI_SERVER_CACHE',
  cacheName: 'temporal-ui-server',
  buildTakes: 'about a minute',
  installUrl: `https://github.com/temporalio/ui-server (the Temporal CLI ${temporalCliVersion} embeds ${temporalUiServerVersion})`,
};

/** The UI server's binary, built when needed (once per machine). */
export async function ensureTemporalUiServer(log: (line: string) => void = console.log): Promise<string> {
  const binary = await ensureGoBinary(temporalUiServerProgram, log);
  if (!binary)
    throw new GoBinaryUnavailable(
      'Go is not installed, so the Temporal UI server cannot be built: install Go (https://go.dev/dl/) or set TEMPORAL_UI_SERVER_PATH to its binary',
    );
  return binary.path;
}

export interface TemporalUiServerOptions {
  binary: string;
  port: number;
  /** The Temporal frontend, host:port. */
  temporalAddress: string;
  namespace: string;
  /** Where its settings file is written. */
  configDir: string;
  /** The app is served over https (PUBLIC_URL): the UI's CSRF cookie is then marked Secure. */
  https: boolean;
  onLog?: (line: string) => void;
}

export interface TemporalUiServer {
  /** Where the API reaches it: TEMPORAL_UI_UPSTREAM. On the loopback only. */
  upstream: string;
  stop(): Promise<void>;
}

/**
 * The settings docker-compose.yml gives its UI too: served under the app's path, decoding through
 * the app's codec endpoint on the same origin (no credentials setting needed), no write actions
 * (what an administrator typed would be encoded outside erasure's reach, api/codec/routes.ts).
 */
const settings = (options: TemporalUiServerOptions) => ({
  temporalGrpcAddress: options.temporalAddress,
  host: '127.0.0.1',
  port: options.port,
  publicPath: temporalUiPath,
  enableUi: true,
  defaultNamespace: options.namespace,
  notifyOnNewVersion: false,
  disableWriteActions: true,
  codec: { endpoint: temporalUiCodecEndpoint, passAccessToken: false, includeCredentials: false },
  cors: { cookieInsecure: !options.https, allowOrigins: [], unsafeAllowAllOrigins: false },
  hideLogs: true,
});

/** Starts the UI server on the loopback and waits until it answers. */
export async function startTemporalUiServer(options: TemporalUiServerOptions): Promise<TemporalUiServer> {
  mkdirSync(options.configDir, { recursive: true });
  // JSON is YAML; the server reads `<config>/<env>.yaml`.
  writeFileSync(join(options.configDir, 'integratiepact.yaml'), JSON.stringify(settings(options), null, 2));
  const args = ['--root', options.configDir, '--config', '.', '--env', 'integratiepact', 'start'];
  // Its own process group, so a Ctrl-C meant for `npm start` does not stop it before the API.
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      options.onLog?.(line);
      recent.push(line);
      if (recent.length > 5) recent.shift();
    });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ? `was stopped (${signal})` : `exited with code ${code}`));
  child.once('error', (error) => (exited = `could not start (${error.message})`));

  const upstream = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the Temporal UI server ${exited}: ${recent.join(' | ')}`);
    if (await answers(`${upstream}${temporalUiPath}/api/v1/settings`)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal UI server did not answer on ${upstream} within 30s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killOnExit(child);
  return { upstream, stop: () => stopChild(child) };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}
