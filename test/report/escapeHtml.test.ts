import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../../src/report/escapeHtml.js';

describe('escapeHtml', () => {
  it('writes the five markup characters as entities', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves other text, non-ASCII included, as it is', () => {
    expect(escapeHtml('Baseline - China 2023–2030, σ 0.3 · 算力')).toBe('Baseline - China 2023–2030, σ 0.3 · 算力');
  });

  it('escapes an ampersand once, so entities in the input show as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('jsonForScript', () => {
  const nasty = { name: '</script><script>window.__x=1</script>', note: '<!-- <img src=x onerror=alert(1)>', line: 'a\u2028b\u2029c' };

  it('contains no "<" at all, so no string in it can close or comment out the script block', () => {
    const text = jsonForScript(nasty);
    expect(text).not.toContain('<');
    expect(text).toContain('\\u003c/script>');
  });

  it('reads back to the same value', () => {
    expect(JSON.parse(jsonForScript(nasty))).toEqual(nasty);
  });

  it('escapes the line and paragraph separators', () => {
    expect(jsonForScript(nasty)).not.toMatch(/[\u2028\u2029]/);
  });
});
