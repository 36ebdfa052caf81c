import type { ActivityDeps } from './deps';
import { journeyActivities } from './journey';
import { requestActivities } from './requests';

export type { ActivityDeps } from './deps';

/** All activities, built from their dependencies; workflows proxy them by this type. */
export function createActivities(deps: ActivityDeps) {
  return { ...journeyActivities(deps), ...requestActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
