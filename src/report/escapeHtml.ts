/**
 * The one way text reaches the report page. Every string that comes from a user (scenario name and
 * description, input paths, distribution texts, observed-data source notes, metric names) passes
 * through `escapeHtml` on its way into markup, and every spec passes through `jsonForScript` on its
 * way into a `<script type="application/json">` block.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: nothing in it can open a tag or close an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON that can sit inside a `<script>` element: every `<` is written as `\u003c`, so no string in
 * it can spell `</script>` or `<!--` and end or confuse the block; U+2028 and U+2029 are escaped so
 * the text is also valid JavaScript. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
