import { Fragment, memo } from 'react';
import type { Message } from '../../shared/runtime/objects.ts';
import { RuntimeFileChip, RuntimeImage } from '../files/RuntimeFile.tsx';
import { MessageText } from './MessageText.tsx';
import { RawJson } from './RawJson.tsx';

const INCOMPLETE_WORDS: Readonly<Record<NonNullable<Message['incomplete_details']>['reason'], string>> = {
  content_filter: 'stopped by the content filter',
  max_tokens: 'cut off at the token limit',
  run_cancelled: 'cut off: the run was cancelled',
  run_expired: 'cut off: the run expired',
  run_failed: 'cut off: the run failed',
};

/**
 * One message of the conversation. Memoised on the message object: the fold replaces only the message
 * that changed, so a streaming answer re-renders alone and finished messages are left as they are.
 */
export const MessageItem = memo(function MessageItem({ message }: { message: Message }) {
  const streaming = message.status === 'in_progress';
  const who = message.role === 'user' ? 'You' : 'Assistant';
  return (
    <article className={`chat-message is-${message.role}`} aria-label={`${who} said`} aria-busy={streaming}>
      <header className="chat-message-header">
        <span className="chat-role">{who}</span>
        {message.status === 'incomplete' && (
          <span className="chat-incomplete">{message.incomplete_details ? INCOMPLETE_WORDS[message.incomplete_details.reason] : 'incomplete'}</span>
        )}
      </header>
      <div className="chat-body">
        {message.content.map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a content part has no id; its index is its identity (deltas address parts by index) and parts are only appended
          <Fragment key={i}>
            {part.type === 'image_file' ? (
              <RuntimeImage fileId={part.image_file.file_id} />
            ) : message.role === 'user' ? (
              <p className="chat-user-text">{part.text.value}</p>
            ) : (
              <MessageText value={part.text.value} annotations={part.text.annotations} streaming={streaming} />
            )}
          </Fragment>
        ))}
        {message.attachments.length > 0 && (
          <ul className="chat-attachments" aria-label="Attachments">
            {message.attachments.map((a) => (
              <li key={a.file_id}>
                <RuntimeFileChip fileId={a.file_id} />
              </li>
            ))}
          </ul>
        )}
        {streaming && message.content.length === 0 && <span className="stream-caret" aria-hidden="true" />}
      </div>
      <RawJson value={message} of="this message" />
    </article>
  );
});
