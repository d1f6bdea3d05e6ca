const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * What XML 1.0 forbids in a document: control characters other than tab, line feed and carriage return, U+FFFE and
 * U+FFFF, a high surrogate not followed by a low one, and a low surrogate not preceded by a high one.
 */
const FORBIDDEN_IN_XML = new RegExp(
  [
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/,
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/,
    /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
  ]
    .map((part) => part.source)
    .join('|'),
  'g',
);

/**
 * Makes any string safe as XML text or as a quoted attribute value: `& < > " '` become entities, and the
 * characters XML 1.0 forbids (control characters other than tab, line feed and carriage return, lone surrogates,
 * U+FFFE and U+FFFF) become U+FFFD, so the document always parses.
 *
 * @example escapeXml('loss < 0.1 & "fast"') // 'loss &lt; 0.1 &amp; &quot;fast&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '\uFFFD').replace(/[&<>"']/g, (character) => XML_ENTITIES[character]);
}
