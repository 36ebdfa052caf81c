import { sql } from 'kysely';
import type { Lever } from '../domain/vocabulary';

/** Rows whose `levers` (a jsonb array: projects, initiatives) hold `lever`; one home for the containment test. */
export const hasLever = (lever: Lever) => sql<boolean>`levers @> ${JSON.stringify([lever])}::jsonb`;
