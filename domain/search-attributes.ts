import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes administrators filter on in the Temporal UI (README.md, Administrators: Temporal UI).
 * The dev server, the cluster and docker-compose register the list in deploy/temporal/search-attributes.txt,
 * which must name exactly these (tests/dev/temporal-settings.test.ts).
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
