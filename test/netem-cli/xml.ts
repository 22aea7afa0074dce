/**
 * A strict XML well-formedness check for the SVGs the report writes (no DTDs, no CDATA expected): one root element,
 * tags nest, attribute values quoted and free of `<`, text free of `<` and of `&` outside entity references.
 * Returns the problem, or undefined when the document is well-formed.
 */
export function xmlProblem(doc: string): string | undefined {
  const stack: string[] = [];
  let roots = 0;
  let i = doc.startsWith('<?xml') ? doc.indexOf('?>') + 2 : 0;
  const entity = /^&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const text = doc.slice(i, lt < 0 ? doc.length : lt);
    for (let a = text.indexOf('&'); a >= 0; a = text.indexOf('&', a + 1)) if (!entity.test(text.slice(a))) return `bare & in text at ${i + a}`;
    if (lt < 0) {
      if (text.trim() !== '') return 'text after the root element';
      break;
    }
    if (stack.length === 0 && text.trim() !== '') return `text outside the root at ${i}`;
    if (doc.startsWith('<!--', lt)) {
      const end = doc.indexOf('-->', lt);
      if (end < 0) return 'unterminated comment';
      i = end + 3;
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(doc.slice(lt));
    if (m === null) return `malformed tag at ${lt}: ${doc.slice(lt, lt + 40)}`;
    const [all, close, name, attrs, selfClose] = m;
    const names = [...attrs!.matchAll(/([A-Za-z_][\w:.-]*)\s*=/g)].map((x) => x[1]!);
    if (new Set(names).size !== names.length) return `duplicate attribute in <${name}> at ${lt}`;
    for (const v of attrs!.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const value = v[1] ?? v[2]!;
      for (let a = value.indexOf('&'); a >= 0; a = value.indexOf('&', a + 1)) if (!entity.test(value.slice(a))) return `bare & in an attribute of <${name}>`;
    }
    if (close === '/') {
      if (stack.pop() !== name) return `</${name}> at ${lt} closes nothing open`;
    } else if (selfClose !== '/') {
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      stack.push(name!);
    } else if (stack.length === 0 && ++roots > 1) return 'more than one root element';
    i = lt + all!.length;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1]}>`;
  return roots === 1 ? undefined : 'no root element';
}
