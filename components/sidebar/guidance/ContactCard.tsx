import type { EscalationContact } from '../../../lib/policy/schema';
import { CopyButton } from '../../shared/CopyButton';

const CHANNEL_WORDS: Record<EscalationContact['channel'], string> = {
  email: 'Email',
  phone: 'Phone',
  chat: 'Chat',
  pager: 'Pager',
  other: 'Contact',
};

/** An escalation contact from the policy: who, their role, how to reach them and when. */
export function ContactCard({ contact }: { contact: EscalationContact }) {
  return (
    <div className="contact-card" data-contact-id={contact.id}>
      <div>
        <strong>{contact.name}</strong> <span className="muted small">{contact.role}</span>
      </div>
      <div className="contact-address small">
        <span>
          {CHANNEL_WORDS[contact.channel]}: {contact.address}
        </span>
        <CopyButton text={contact.address} label="Copy" className="button small quiet" />
      </div>
      <div className="muted small">{contact.when}</div>
    </div>
  );
}
