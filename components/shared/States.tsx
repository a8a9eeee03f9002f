import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function ErrorState({
  title,
  message,
  children,
}: {
  title: string;
  message: string;
  children?: ReactNode;
}) {
  return (
    <div className="error-state" role="alert">
      <strong>{title}</strong>
      <span>{message}</span>
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" role="status">
      {label}
    </p>
  );
}

/** An inline error under a control; announced by screen readers. Renders nothing without a message. */
export function FieldError({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

/**
 * An inline, politely announced outcome of an action ("Purged 3 cases"). The live region is always
 * there, empty until there is something to say: screen readers announce a change inside a region they
 * already know, not reliably one created with its text in it. `testId` marks it only while it speaks.
 */
export function StatusNote({
  message,
  testId,
  inline = false,
}: {
  message: ReactNode;
  testId?: string;
  /** A span beside the buttons it reports on, rather than a paragraph of its own. */
  inline?: boolean;
}) {
  const speaking = message !== null && message !== undefined && message !== false && message !== '';
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="small status-note" role="status" data-testid={speaking ? testId : undefined}>
      {speaking ? message : null}
    </Tag>
  );
}
