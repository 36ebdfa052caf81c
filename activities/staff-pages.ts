import type { Config } from '../config/config';

/** Links to the staff pages, for emails to staff. */
export function staffPages(config: Pick<Config, 'publicUrl'>) {
  return {
    partner: (partnerId: string) => `${config.publicUrl}/staff/partners/${encodeURIComponent(partnerId)}`,
    project: (projectId: string) => `${config.publicUrl}/staff/projects/${encodeURIComponent(projectId)}`,
  };
}
