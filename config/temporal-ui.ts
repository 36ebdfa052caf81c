/**
 * The Temporal UI as administrators open it: the API serves it on the app's own origin under this
 * path, behind the staff sign-in (api/temporal-ui/proxy.ts), from the UI server at
 * TEMPORAL_UI_UPSTREAM, which is given the same public path (dev/temporal-ui-server.ts,
 * docker-compose.yml).
 */
export const temporalUiPath = '/temporal';

/**
 * The codec endpoint as the UI calls it: relative, so it is on whatever origin the UI was opened
 * at, and the browser sends the staff session cookie without any codec setting (api/codec/routes.ts).
 */
export const temporalUiCodecEndpoint = '/codec';
