import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes administrators filter on in the Temporal UI (README.md, Administrators: Temporal UI).
 * The dev server, the test server and docker-compose register exactly these.
 */
export const PartnerIdKey = defineSearchAttributeKey('PartnerId', SearchAttributeType.KEYWORD);
export const PartnerNameKey = defineSearchAttributeKey('PartnerName', SearchAttributeType.TEXT);
export const JourneyStageKey = defineSearchAttributeKey('JourneyStage', SearchAttributeType.KEYWORD);
export const SectorKey = defineSearchAttributeKey('Sector', SearchAttributeType.KEYWORD);
export const ActorTypeKey = defineSearchAttributeKey('ActorType', SearchAttributeType.KEYWORD);
/** A follow-up meeting's id (its workflows also carry `Sector` when the meeting is for one sector). */
export const MeetingIdKey = defineSearchAttributeKey('MeetingId', SearchAttributeType.KEYWORD);

/** All of them, as the SDK's test server registers them. */
export const searchAttributeKeys = [
  PartnerIdKey,
  PartnerNameKey,
  JourneyStageKey,
  SectorKey,
  ActorTypeKey,
  MeetingIdKey,
];

/** The same attributes in the `Name=Type` form of `temporal server start-dev --search-attribute`. */
export const searchAttributeFlags = [
  'PartnerId=Keyword',
  'PartnerName=Text',
  'JourneyStage=Keyword',
  'Sector=Keyword',
  'ActorType=Keyword',
  'MeetingId=Keyword',
];
