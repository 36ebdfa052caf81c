import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces can hold personal data (an address in an error), so they go
 * into an encoded payload that the payload codec encrypts; the history shows "Encoded failure".
 * Loaded by path (privacy/data-converter.ts), so the workflow bundle uses it too.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
