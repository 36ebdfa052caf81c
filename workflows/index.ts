// The workflow bundle's entry point: every workflow type the worker runs.
export { partnerJourney } from './partner-journey';
export { request } from './request';
