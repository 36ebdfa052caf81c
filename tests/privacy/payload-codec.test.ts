import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { PartnerErased, UnknownDataKey } from '../../privacy/data-keys';
import { encryptedEncoding, keyIdMetadata, PartnerPayloadCodec } from '../../privacy/payload-codec';
import { failureConverter } from '../../privacy/failure-converter';
import { memoryDataKeys } from '../support/test-data-keys';

const context = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const keyIdOf = (p: Payload) => text(p.metadata?.[keyIdMetadata]);

const person = { name: 'Hilde Janssens', email: 'hilde@voka.example' };

describe('the payload codec', () => {
  const keys = memoryDataKeys();
  const codec = new PartnerPayloadCodec(keys);

  test('encrypts a payload under its partner key and decodes it back, metadata and all', async () => {
    const original = payload(person);
    const [encoded] = await codec.encode([original], context('journey-voka'));
    expect(text(encoded!.metadata?.encoding)).toBe(encryptedEncoding);
    expect(keyIdOf(encoded!)).toBe('voka.1');
    expect(text(encoded!.data)).not.toContain('Hilde');
    expect(Object.keys(encoded!.metadata ?? {}).sort()).toEqual(['encoding', keyIdMetadata].sort());
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(person);
    expect(text(decoded!.metadata?.encoding)).toBe('json/plain');
  });

  test.each([
    ['journey-voka', 'voka.1'],
    ['request-voka-5b1a3c2e-0d4f-4c8e-9a7b-1e2f3a4b5c6d', 'voka.1'],
    ['report-stad-gent-2027-Q1', 'stad-gent.1'],
    ['project-3f1c', '_global.1'],
    ['request-5b1a3c2e-0d4f-4c8e-9a7b-1e2f3a4b5c6d', '_global.1'],
    ['staff-digest', '_global.1'],
  ])('a payload of %s uses key %s', async (workflowId, keyId) => {
    const [encoded] = await codec.encode([payload('x')], context(workflowId));
    expect(keyIdOf(encoded!)).toBe(keyId);
  });

  test("an activity's payloads use the key of the workflow that scheduled it; no context, the global key", async () => {
    const [activity] = await codec.encode([payload('x')], {
      type: 'activity',
      namespace: 'default',
      workflowId: 'journey-abvv',
      isLocal: true,
    });
    expect(keyIdOf(activity!)).toBe('abvv.1');
    const [none] = await codec.encode([payload('x')]);
    expect(keyIdOf(none!)).toBe('_global.1');
  });

  test('two partners get different keys: one cannot open the other', async () => {
    const [a] = await codec.encode([payload(person)], context('journey-partner-a'));
    const [b] = await codec.encode([payload(person)], context('journey-partner-b'));
    expect(keyIdOf(a!)).not.toBe(keyIdOf(b!));
    const moved = { ...a!, metadata: { ...a!.metadata, [keyIdMetadata]: b!.metadata![keyIdMetadata]! } };
    await expect(codec.decode([moved])).rejects.toThrow(UnknownDataKey);
  });

  test('payloads written before the codec pass through decoding unchanged', async () => {
    const plain = payload(person);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  test.each([
    ['an unknown key id', 'nobody.7'],
    ['a malformed key id', '../etc/passwd'],
    ['no key id', undefined],
  ])('%s is refused', async (_what, keyId) => {
    const [encoded] = await codec.encode([payload('x')], context('journey-voka'));
    const metadata = { ...encoded!.metadata };
    if (keyId === undefined) delete metadata[keyIdMetadata];
    else metadata[keyIdMetadata] = Buffer.from(keyId);
    await expect(codec.decode([{ ...encoded!, metadata }])).rejects.toThrow(UnknownDataKey);
  });

  test('altered ciphertext is refused', async () => {
    const [encoded] = await codec.encode([payload(person)], context('journey-voka'));
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow('does not decrypt');
  });

  test("an erased partner's payloads neither encode nor decode; others still do", async () => {
    const [before] = await codec.encode([payload(person)], context('journey-erased-one'));
    const [other] = await codec.encode([payload(person)], context('journey-kept-one'));
    keys.erase('erased-one');
    await expect(codec.decode([before!])).rejects.toThrow(PartnerErased);
    await expect(codec.encode([payload('x')], context('journey-erased-one'))).rejects.toThrow(PartnerErased);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([other!]))[0]!)).toEqual(person);
  });
});

describe('failures', () => {
  test('a failure message with an address is encoded, then encrypted; the caller gets the message back', async () => {
    const codec = new PartnerPayloadCodec(memoryDataKeys());
    const failure = failureConverter.errorToFailure(
      new Error('mail to hilde@voka.example bounced'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe(''); // message and stack are in encodedAttributes, for the codec
    const [encrypted] = await codec.encode([failure.encodedAttributes!], context('journey-voka'));
    expect(text(encrypted!.data)).not.toContain('hilde');
    const [decrypted] = await codec.decode([encrypted!]);
    const error = failureConverter.failureToError(
      { ...failure, encodedAttributes: decrypted },
      defaultPayloadConverter,
    );
    expect(error.message).toBe('mail to hilde@voka.example bounced');
  });
});
