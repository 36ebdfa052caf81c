/** How a line of a CSV import of partners ended: the API, the staff page, the workflow and Postgres say it alike. */
export type ImportLineStatus = 'created' | 'exists' | 'invalid' | 'failed';

/** An import runs until every line has its result; then its stored upload is deleted. */
export type ImportStatus = 'running' | 'done';

/**
 * Lines onboarded at the same time. One at a time, a member list of 1,000 took longer than the
 * workflows needed to send the invitations (docs/benchmarks.md); more than a few would hold most
 * of the worker's database connections (each onboarding holds one while Temporal starts the journey).
 */
export const importLinesAtOnce = 4;
