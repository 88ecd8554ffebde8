import { execFileSync } from 'node:child_process';

/** An element of a parsed XML document: its tag, attributes, text and child elements. */
export interface XmlElement {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

const PARSER = `
import json, sys, xml.etree.ElementTree as ET
def tree(e):
    return {"tag": e.tag, "attributes": dict(e.attrib), "text": e.text or "", "children": [tree(c) for c in e]}
def parse(document):
    try:
        return tree(ET.fromstring(document.encode("utf-8", "surrogatepass")))
    except ET.ParseError as error:
        return {"error": str(error)}
print(json.dumps([parse(document) for document in json.load(sys.stdin)]))
`;

/**
 * Parses XML documents, in one go, with a conforming parser (CPython's expat, as python3 is
 * needed by the suite anyway): a document that is not well-formed XML 1.0 (a control
 * character, a lone surrogate, an unescaped '<' or '&', ']]>' in text...) gives the parser's
 * error instead.
 */
export function parseXml(documents: readonly string[]): (XmlElement | { readonly error: string })[] {
  const output = execFileSync('python3', ['-c', PARSER], { input: JSON.stringify(documents), encoding: 'utf8' });
  return JSON.parse(output) as (XmlElement | { readonly error: string })[];
}
