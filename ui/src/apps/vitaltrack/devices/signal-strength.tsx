/** RSSI in dBm as four bars and words, because "-71 dBm" means nothing to most people. */
export function SignalStrength({ rssi }: { readonly rssi: number | null | undefined }) {
  if (rssi === null || rssi === undefined) return <span class="muted">—</span>;
  const bars = rssi >= -60 ? 4 : rssi >= -70 ? 3 : rssi >= -80 ? 2 : 1;
  const words = ['', 'weak', 'fair', 'good', 'strong'][bars] ?? '';
  return (
    <span class="signal" title={`${rssi} dBm`}>
      <span class={`signal-bars bars-${bars}`} aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
      </span>
      {` ${words}`}
    </span>
  );
}
