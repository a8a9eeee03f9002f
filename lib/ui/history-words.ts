import type { EventRow } from '../db/records';

/**
 * What the agent did on a case, in the words the sidebar's timeline shows and a copied handover
 * repeats: one wording, so a colleague reading the handover sees what the agent saw.
 */

const CHANNEL_WORDS = { 'direct-message': 'DM', email: 'email', phone: 'phone', other: 'another channel' };
const STATUS_WORDS = { open: 'open', 'awaiting-customer': 'waiting on customer', resolved: 'resolved' };

export function describeEvent(event: EventRow): { label: string; detail: string | null } | null {
  switch (event.type) {
    case 'detected':
      return null; // shown as the mention itself
    case 'replied':
      // Once seen in the thread, the reply is the brand's own post in this timeline: one entry, not two.
      if (event.data.seenMentionId !== null) return null;
      return {
        label: event.data.via === 'seen-in-thread' ? 'Reply seen in the thread' : 'Replied',
        detail: event.data.text || null,
      };
    case 'note':
      return { label: 'Note', detail: event.data.text };
    case 'status-changed':
      return {
        label: `Status: ${STATUS_WORDS[event.data.from]} → ${STATUS_WORDS[event.data.to]}`,
        detail: event.data.reason === 'agent' ? null : `(${event.data.reason.replace('-', ' ')})`,
      };
    case 'recategorized':
      return { label: `Recategorized ${event.data.from} → ${event.data.to}`, detail: null };
    case 'thanked':
      return { label: 'Thanked', detail: null };
    case 'moved-to-private':
      return { label: `Moved to ${CHANNEL_WORDS[event.data.channel]}`, detail: event.data.note };
    case 'escalated':
      return { label: `Escalated${event.data.to ? ` to ${event.data.to}` : ''}`, detail: event.data.reason };
    case 'customers-linked':
      return { label: 'Accounts linked', detail: null };
    case 'identity-unlinked':
      return { label: 'Account unlinked', detail: null };
  }
}
