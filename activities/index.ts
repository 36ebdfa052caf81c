import type { ActivityDeps } from './deps';
import { journeyActivities } from './journey';
import { joiningActivities } from './joining';
import { meetingActivities } from './meetings';
import { monitoringActivities } from './monitoring';
import { networkReportActivities } from './network-reports';
import { projectActivities } from './projects';
import { publicListingActivities } from './public-listing';
import { requestActivities } from './requests';
import { roundActivities } from './rounds';

export type { ActivityDeps } from './deps';

/** All activities, built from their dependencies; workflows proxy them by this type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...journeyActivities(deps),
    ...requestActivities(deps),
    ...projectActivities(deps),
    ...monitoringActivities(deps),
    ...networkReportActivities(deps),
    ...meetingActivities(deps),
    ...joiningActivities(deps),
    ...publicListingActivities(deps),
    ...roundActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
