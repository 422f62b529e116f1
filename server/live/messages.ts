// What the live stream sends: its three kinds of message as zod schemas (the contract's types and
// the API docs read them), and the Server-Sent Events text of one message.
import { z } from 'zod';
import { CommunityInput } from '../domain.ts';
import { EventInput } from '../domain-events.ts';
import { Group } from '../routes/groups.ts';
import type { SeenChange } from '../privacy/live-view.ts';
import { Resident, residentOut } from '../routes/residents.ts';

const Version = z.number().int().describe("the project's version: bumped by every write to it");

export const LiveReady = z
  .object({ version: Version })
  .describe('`event: ready`, first on every stream: the version the stream goes on from');

export const LiveChange = z
  .object({
    version: Version,
    events: z.array(EventInput).describe('the events written, in the order written, as stored'),
    residents: z
      .array(Resident)
      .describe('residents created or changed, and those the events name, as they are now'),
    groups: z.array(Group),
    communities: z.array(CommunityInput),
  })
  .describe('`event: change`, after writes: what they stored that the key may see');

export const LiveReset = z
  .object({
    version: Version,
    reason: z
      .enum(['history_rewritten', 'too_many', 'unknown_version'])
      .describe(
        'history_rewritten: an erasure removed events; too_many: more changed than a stream sends; ' +
          'unknown_version: Last-Event-ID is not a version of this project',
      ),
  })
  .describe('`event: reset`: read the project again, then go on from this version');

export type LiveChange = z.infer<typeof LiveChange>;

/** A change as the stream sends it: residents as the API answers them (their spells read). */
export const changeOut = (seen: SeenChange): LiveChange => ({
  ...seen,
  residents: seen.residents.map(residentOut),
});

/**
 * One message: optional `id` (a client's Last-Event-ID), `event`, `data` as one line of JSON and
 * `retry` (how long an EventSource waits before reconnecting).
 */
export function sseMessage(message: {
  id?: number;
  event: 'ready' | 'change' | 'reset';
  data: object;
  retry?: number;
}): string {
  let text = '';
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.retry !== undefined) text += `retry: ${message.retry}\n`;
  return `${text}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}
