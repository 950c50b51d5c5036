/** A status line that screen readers announce when its text changes; hidden while empty. */
export function StatusLine({ text }: { readonly text: string }) {
  return (
    <p class="status" role="status">
      {text}
    </p>
  );
}
