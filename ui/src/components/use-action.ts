import { useRef, useState } from 'preact/hooks';
import { errorText } from '../format/error-text.js';

/** Does something on the hub, then reloads what the page shows; what happened is said in a sentence. True when it was done. */
export type Act = (action: () => Promise<unknown>, done: string) => Promise<boolean>;

/**
 * A page's actions and the message of the last one (for a status line). One action at a time: a
 * second press while the first is on its way (a double tap, an impatient click) does nothing,
 * rather than add a second glass of water or take back an entry twice.
 */
export function useAction(reload: () => Promise<unknown>): { readonly act: Act; readonly message: string; readonly say: (message: string) => void; readonly busy: boolean } {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const act: Act = async (action, done) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    try {
      try {
        await action();
      } catch (error) {
        setMessage(errorText(error));
        return false;
      }
      // Said once the page shows it: "Taken." beside a dose still marked due would contradict itself.
      await reload();
      setMessage(done);
      return true;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { act, message, say: setMessage, busy };
}
