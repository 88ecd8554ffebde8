/**
 * A comma-separated list laid out in lines of at most `width` columns, every line after
 * the first indented by `indent` spaces (the first goes on wherever the caller's text is):
 * for the generated lists of help texts.
 */
export function wrapList(items: readonly string[], width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, index) => {
    const word = index < items.length - 1 ? `${item},` : item;
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  });
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}
