import { live } from '../api/live-socket.js';

const WORDS = { connecting: 'Connecting…', open: 'Live', closed: 'Reconnecting…' } as const;

/** Whether readings are arriving live: the hub may have restarted, or the phone lost the network. */
export function ConnectionStatus() {
  const state = live.connection.value;
  return (
    <span class={state === 'closed' ? 'connection offline' : 'connection'} role="status" title="Live connection to the hub">
      {WORDS[state]}
    </span>
  );
}
