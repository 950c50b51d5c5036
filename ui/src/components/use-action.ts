import { useState } from 'preact/hooks';
import { errorText } from '../format/error-text.js';

/** Does something on the hub, then reloads what the page shows; what happened is said in a sentence. True when it was done. */
export type Act = (action: () => Promise<unknown>, done: string) => Promise<boolean>;

/** A page's actions and the message of the last one (for a status line). */
export function useAction(reload: () => Promise<unknown>): { readonly act: Act; readonly message: string; readonly say: (message: string) => void } {
  const [message, setMessage] = useState('');
  const act: Act = async (action, done) => {
    try {
      await action();
    } catch (error) {
      setMessage(errorText(error));
      return false;
    }
    setMessage(done);
    await reload();
    return true;
  };
  return { act, message, say: setMessage };
}
