/**
 * Where the like-for-like baselines' emails go. The workflows carry no address (as the system's
 * carry contact ids, not addresses): the child that sends names its recipient by its own workflow
 * id, and the bench waits for that recipient at the SMTP server. Shared by the baseline workflows
 * (bundled), the baseline worker and the measurements.
 */

/** The child workflow that sends the email of the baseline workflow `parentId`. */
export const emailChildIdOf = (parentId: string) => `${parentId}-email`;

/** The address the email child `childId` sends to. */
export const baselineRecipientOf = (childId: string) => `${childId}@baseline.example`;

/** The address the email of the baseline workflow `parentId` goes to. */
export const baselineRecipientOfParent = (parentId: string) => baselineRecipientOf(emailChildIdOf(parentId));
