import { type FormFields, listOf, textOf } from './forms';

/**
 * The invitee choice as the meetings' and the rounds' forms send it (features/partners/invitee-choice.ts):
 * a sector, an actor type and a stage to filter by, and partners ticked one by one. Empty fields are
 * left out, for the schema to read as "not chosen".
 */
export function inviteeChoiceOfForm(form: FormFields) {
  const optional = (name: string) => textOf(form, name) || undefined;
  return {
    ...(optional('inviteSector') ? { sector: optional('inviteSector') } : {}),
    ...(optional('inviteActorType') ? { actorType: optional('inviteActorType') } : {}),
    ...(optional('inviteStage') ? { stage: optional('inviteStage') } : {}),
    ...(listOf(form, 'partnerIds').length ? { partnerIds: listOf(form, 'partnerIds') } : {}),
  };
}
