/**
 * Our reply text has one source format, written by staff in the content files and locales: WhatsApp's
 * (`*bold*`, `_italic_`, `~strike~`, one line per item, blank lines between paragraphs), which WhatsApp
 * shows as is. Markdown channels (Direct Line: Web Chat and our page; Bot Framework) would show `*x*` as
 * italics and run single-line lists together, so this turns the source into CommonMark:
 * `**bold**`, `•`/`-` lines into a bullet list, `1.`/`1)` lines into a numbered list, and every other single
 * line break (`📍 Rabat` lines) into a hard line break. Everything else is escaped, so no content can
 * turn into a heading, a link or HTML by accident.
 */
export function contentToMarkdown(source: string): string {
  const paragraphs = source.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n+/);
  return paragraphs.flatMap((paragraph) => blocksOf(paragraph.split('\n').map((l) => l.trim()).filter(Boolean))).join('\n\n');
}

type LineKind = 'bullet' | 'numbered' | 'text';

const BULLET = /^[•·▪●◦‣\-–*]\s+(.*)$/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(.*)$/;

function kindOf(line: string): LineKind {
  if (NUMBERED.test(line)) return 'numbered';
  // A line starting with "*word*" is bold text, not a bullet.
  if (BULLET.test(line) && !/^\*[^*\s][^*]*\*/.test(line)) return 'bullet';
  return 'text';
}

/** Splits one paragraph's lines into runs of the same kind, each rendered as its own Markdown block. */
function blocksOf(lines: string[]): string[] {
  const blocks: string[] = [];
  let run: string[] = [];
  let runKind: LineKind | undefined;
  const flush = () => {
    if (runKind === 'bullet') blocks.push(run.map((l) => `- ${inline(BULLET.exec(l)?.[1] ?? l)}`).join('\n'));
    else if (runKind === 'numbered') {
      // CommonMark numbers an ordered list on from its first item's number.
      blocks.push(
        run
          .map((l) => {
            const [, n = '1', rest = ''] = NUMBERED.exec(l) ?? [];
            return `${n}. ${inline(rest)}`;
          })
          .join('\n'),
      );
    } else if (runKind === 'text') blocks.push(run.map((l) => escapeLineStart(inline(l))).join('\\\n'));
    run = [];
  };
  for (const line of lines) {
    const kind = kindOf(line);
    if (kind !== runKind) flush();
    runKind = kind;
    run.push(line);
  }
  flush();
  return blocks;
}

/** `*bold*`, `_italic_` and `~strike~` pairs become Markdown; every other special character is escaped. */
function inline(text: string): string {
  const out: string[] = [];
  const pattern = /([*_~])([^\s*_~](?:[^*_~\n]*[^\s*_~])?)\1/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, mark = '', inner = ''] = match;
    out.push(escapeInline(text.slice(last, match.index)));
    const md = mark === '*' ? '**' : mark === '_' ? '_' : '~~';
    out.push(`${md}${escapeInline(inner)}${md}`);
    last = match.index + whole.length;
  }
  out.push(escapeInline(text.slice(last)));
  return out.join('');
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_~[\]<>|]/g, (c) => `\\${c}`);
}

/** A text line must not start a heading, quote, list or rule. */
function escapeLineStart(line: string): string {
  if (/^(#|>|\+|=|-|\d{1,9}[.)](\s|$))/.test(line)) {
    const digits = /^\d+/.exec(line)?.[0];
    return digits ? `${digits}\\${line.slice(digits.length)}` : `\\${line}`;
  }
  return line;
}

/** Turns a reply's text into Markdown in place ({@link contentToMarkdown}), unless it is marked plain text or XML. */
export function renderReplyAsMarkdown(activity: { text?: unknown; textFormat?: unknown }): void {
  if (typeof activity.text !== 'string' || activity.textFormat === 'plain' || activity.textFormat === 'xml') return;
  activity.text = contentToMarkdown(activity.text);
  activity.textFormat = 'markdown';
}
