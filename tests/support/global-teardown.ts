import { shared } from './shared-servers';

export default async function globalTeardown(): Promise<void> {
  await shared.stop?.();
}
