import type { Migration } from 'kysely';
import * as initial from './001_initial';
import * as projectsAndMonitoring from './002_projects_and_monitoring';
import * as staffAccounts from './003_staff_accounts';
import * as staffPageIndexes from './004_staff_page_indexes';
import * as indicatorTotals from './005_indicator_totals';
import * as dataKeys from './006_data_keys';

/**
 * Every migration, in order. Kysely records applied names, so a name never changes once released;
 * add a new file with the next number and list it here.
 */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_projects_and_monitoring': projectsAndMonitoring,
  '003_staff_accounts': staffAccounts,
  '004_staff_page_indexes': staffPageIndexes,
  '005_indicator_totals': indicatorTotals,
  '006_data_keys': dataKeys,
};
