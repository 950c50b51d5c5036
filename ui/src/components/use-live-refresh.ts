import { useEffect, useRef } from 'preact/hooks';
import { live } from '../api/live-socket.js';
import type { LiveMessage } from '../api/types.js';

/**
 * Calls `refresh` after live messages that concern the page, at most `delayOf(message)` ms after
 * the first one (undefined: not this page's news). A heart rate a second then asks the hub once
 * per delay, while an alert or a device's news, with a short delay, shows within a second.
 */
export function useLiveRefresh(delayOf: (message: LiveMessage) => number | undefined, refresh: () => unknown): void {
  const latest = useRef({ delayOf, refresh });
  latest.current = { delayOf, refresh };
  useEffect(() => {
    let timer = 0;
    let due = Infinity;
    const unlisten = live.listen((message) => {
      const delay = latest.current.delayOf(message);
      if (delay === undefined || Date.now() + delay >= due) return;
      window.clearTimeout(timer);
      due = Date.now() + delay;
      timer = window.setTimeout(() => {
        due = Infinity;
        latest.current.refresh();
      }, delay);
    });
    return () => {
      unlisten();
      window.clearTimeout(timer);
    };
  }, []);
}
