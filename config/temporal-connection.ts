import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';

/**
 * How every process connects to Temporal: the standard TEMPORAL_* variables, read by
 * `@temporalio/envconfig` as the Temporal CLI and the other SDKs read them, so the system runs
 * against a TLS cluster or Temporal Cloud without code of its own:
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY (turns TLS on), TEMPORAL_TLS,
 * TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME, TEMPORAL_TLS_CLIENT_CERT_PATH and
 * TEMPORAL_TLS_CLIENT_KEY_PATH (mTLS; also *_DATA), TEMPORAL_GRPC_META_*. A TOML profile file is
 * read only when TEMPORAL_CONFIG_FILE names one, so a developer's own CLI profile never redirects `npm start`.
 */
export interface TemporalConnectionSettings {
  address: string | undefined;
  namespace: string | undefined;
  /** What the client's Connection and the worker's NativeConnection take besides the address. */
  options: { tls?: TLSConfig | boolean; apiKey?: string; metadata?: Record<string, string> };
}

export function loadTemporalConnection(env: Record<string, string | undefined>): TemporalConnectionSettings {
  const vars = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
  const { connectionOptions, namespace } = loadClientConnectConfig({
    overrideEnvVars: vars,
    disableFile: vars.TEMPORAL_CONFIG_FILE === undefined,
  });
  const { tls, apiKey, metadata } = connectionOptions;
  return {
    address: connectionOptions.address,
    namespace,
    options: {
      ...(tls === undefined || tls === null ? {} : { tls }),
      ...(apiKey === undefined ? {} : { apiKey: String(apiKey) }),
      ...(metadata && Object.keys(metadata).length ? { metadata: metadata as Record<string, string> } : {}),
    },
  };
}
