import type { Migration } from 'kysely';
import * as initial from './001_initial';
import * as projectsAndMonitoring from './002_projects_and_monitoring';
import * as staffAccounts from './003_staff_accounts';
import * as staffPageIndexes from './004_staff_page_indexes';
import * as indicatorTotals from './005_indicator_totals';
import * as dataKeys from './006_data_keys';
import * as writtenTexts from './007_written_texts';
import * as calendarPeriods from './008_calendar_periods';
import * as replyTokens from './009_reply_tokens';
import * as meetings from './010_meetings';
import * as partnerRecords from './011_partner_records';
import * as opaqueIds from './012_opaque_ids';
import * as erasureReach from './013_erasure_reach';
import * as sharedCache from './014_shared_cache';
import * as portfolioAndConsent from './015_portfolio_and_consent';
import * as joinRequests from './016_join_requests';
import * as meetingInitiativesToPortfolio from './017_meeting_initiatives_to_portfolio';
import * as projectOutcomes from './018_project_outcomes';
import * as lexicon from './019_lexicon';
import * as consentLinks from './020_consent_links';
import * as prioritisationRounds from './021_prioritisation_rounds';
import * as map from './022_map';
import * as publicFigures from './023_public_figures';
import * as partnerImports from './024_partner_imports';
import * as rateLimits from './025_rate_limits';
import * as staffReadIndexes from './026_staff_read_indexes';
import * as ballotCountsIndex from './028_ballot_counts_index';
import * as reportingRatesIndex from './029_reporting_rates_index';
import * as roundTurnout from './030_round_turnout';

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
  '007_written_texts': writtenTexts,
  '008_calendar_periods': calendarPeriods,
  '009_reply_tokens': replyTokens,
  '010_meetings': meetings,
  '011_partner_records': partnerRecords,
  '012_opaque_ids': opaqueIds,
  '013_erasure_reach': erasureReach,
  '014_shared_cache': sharedCache,
  '015_portfolio_and_consent': portfolioAndConsent,
  '016_join_requests': joinRequests,
  '017_meeting_initiatives_to_portfolio': meetingInitiativesToPortfolio,
  '018_project_outcomes': projectOutcomes,
  '019_lexicon': lexicon,
  '020_consent_links': consentLinks,
  '021_prioritisation_rounds': prioritisationRounds,
  '022_map': map,
  '023_public_figures': publicFigures,
  '024_partner_imports': partnerImports,
  '025_rate_limits': rateLimits,
  '026_staff_read_indexes': staffReadIndexes,
  '028_ballot_counts_index': ballotCountsIndex,
  '029_reporting_rates_index': reportingRatesIndex,
  '030_round_turnout': roundTurnout,
};
