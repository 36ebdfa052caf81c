// The workflow bundle's entry point: every workflow type the worker runs.
export { partnerJourney } from './partner-journey';
export { prototypeProject } from './prototype-project';
export { reportingPeriod } from './reporting-period';
export { request } from './request';
export { expireJoinRequests, networkSummary, staffDigest } from './scheduled-reports';
export { meeting } from './meeting';
export { prioritisationRound } from './prioritisation-round';
export { partnerImport } from './partner-import';
