import { firstCommandAt } from "./carriedOptions.js";
import { displayWidth, padToWidth } from "./displayWidth.js";

export interface FitColumn {
  readonly title: string;
  /** Too wide a table drops the columns that have a rank, lowest first; a column without one always stays. */
  readonly dropRank?: number;
  /** A column that may be cut, with an ellipsis, down to this many display columns. */
  readonly minWidth?: number;
  /**
   * The share of the width a cut column keeps before any column is dropped: a reason cut to a
   * dozen characters says less than the key's age column it would make room for.
   */
  readonly comfortableShare?: number;
}

export interface FittedTable {
  readonly header: string;
  readonly rows: readonly string[];
  /** The titles of the columns left out for want of width, in their table order. */
  readonly hidden: readonly string[];
}

const GAP = "  ";
const ELLIPSIS = "…";

/**
 * A table that fits `width` display columns (East Asian wide characters count two), each row on
 * one line: low-value columns go first, then cuttable cells are cut with an ellipsis, and as a
 * last resort each line is cut. `width` undefined (output piped, not a terminal): nothing is cut.
 */
export function fitTable(columns: readonly FitColumn[], rows: readonly (readonly string[])[], width: number | undefined): FittedTable {
  const natural = columns.map((column, i) => Math.max(displayWidth(column.title), ...rows.map((row) => displayWidth(row[i] ?? ""))));
  // One long reason should cost its own row an ellipsis, not every row a column: room is kept for
  // what four cells in five need.
  const typical = columns.map((column, i) => {
    const sorted = rows.map((row) => displayWidth(row[i] ?? "")).sort((a, b) => a - b);
    return Math.max(displayWidth(column.title), sorted[Math.ceil(sorted.length * 0.8) - 1] ?? 0);
  });
  let visible = columns.map((_, i) => i);
  const widths = [...natural];
  if (width !== undefined) {
    const total = (pick: (i: number) => number) => visible.reduce((sum, i) => sum + pick(i), 0) + GAP.length * (visible.length - 1);
    const comfortable = (i: number) => {
      const column = columns[i]!;
      if (column.comfortableShare === undefined) return natural[i]!;
      return Math.min(typical[i]!, Math.max(column.minWidth ?? 0, Math.floor(width * column.comfortableShare)));
    };
    for (;;) {
      if (total(comfortable) <= width) break;
      const droppable = visible.filter((i) => columns[i]!.dropRank !== undefined);
      if (droppable.length === 0) break;
      const drop = droppable.reduce((lowest, i) => (columns[i]!.dropRank! < columns[lowest]!.dropRank! ? i : lowest));
      visible = visible.filter((i) => i !== drop);
    }
    // Cut the cuttable columns, the rightmost first, until the row fits or each is at its minimum.
    let overflow = total((i) => natural[i]!) - width;
    for (const i of [...visible].reverse()) {
      const min = columns[i]!.minWidth;
      if (overflow <= 0 || min === undefined) continue;
      const cut = Math.min(overflow, Math.max(0, natural[i]! - min));
      widths[i] = natural[i]! - cut;
      overflow -= cut;
    }
  }
  const line = (cells: readonly string[]) => {
    const text = visible
      .map((i, at) => {
        const cell = cutToWidth(cells[i] ?? "", widths[i]!);
        return at === visible.length - 1 ? cell : padToWidth(cell, widths[i]!);
      })
      .join(GAP)
      .trimEnd();
    return width === undefined ? text : cutToWidth(text, width);
  };
  return {
    header: line(columns.map((column) => column.title)),
    rows: rows.map(line),
    hidden: columns.filter((_, i) => !visible.includes(i)).map((column) => column.title),
  };
}

/** `text` cut to at most `width` display columns, ending in an ellipsis when anything was cut. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return "";
  let kept = "";
  let used = 0;
  for (const char of text) {
    const charWidth = displayWidth(char);
    if (used + charWidth > width - displayWidth(ELLIPSIS)) break;
    kept += char;
    used += charWidth;
  }
  return `${kept}${ELLIPSIS}`;
}

/**
 * Prose folded to `width` display columns at spaces, and in Japanese between any two wide
 * characters or where a wide character meets a run of ASCII (Japanese puts no spaces there); a
 * run wider than a line is cut where it must be. Each line after the first is indented like the
 * first. `width` undefined: the text as it is.
 */
export function wrapToWidth(text: string, width: number | undefined, indent: string): string[] {
  const room = width === undefined ? Number.POSITIVE_INFINITY : Math.max(1, width - displayWidth(indent));
  if (displayWidth(text) <= room) return [`${indent}${text}`];
  const lines: string[] = [];
  let current = "";
  let spaced = false;
  const push = () => {
    if (current !== "") lines.push(`${indent}${current}`);
    current = "";
  };
  for (const token of splitTokens(text)) {
    if (token.startsWith(" ")) {
      spaced = current !== "";
      continue;
    }
    const joined = spaced ? `${current} ${token}` : `${current}${token}`;
    spaced = false;
    if (displayWidth(joined) <= room) {
      current = joined;
      continue;
    }
    push();
    for (const char of token) {
      if (displayWidth(current + char) > room) push();
      current += char;
    }
  }
  push();
  return lines;
}

/** Spaces, runs of narrow characters, and each wide character alone: the places a line may break. */
function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const char of text) {
    const last = tokens[tokens.length - 1];
    const narrow = char !== " " && displayWidth(char) === 1;
    if (last !== undefined && narrow && !last.startsWith(" ") && displayWidth(last) === last.length) tokens[tokens.length - 1] = last + char;
    else if (last !== undefined && char === " " && last.startsWith(" ")) tokens[tokens.length - 1] = last + char;
    else tokens.push(char);
  }
  return tokens;
}

/**
 * A line of prose folded like `wrapToWidth`, except that from its first `byodkim ` command on it
 * goes, unfolded, on a line of its own: a command folded at a space would be copied as two.
 */
export function foldKeepingCommands(text: string, width: number | undefined, indent: string): string[] {
  if (width === undefined || displayWidth(indent) + displayWidth(text) <= width) return [`${indent}${text}`];
  const commandsAt = firstCommandAt(text);
  if (commandsAt < 0) return wrapToWidth(text, width, indent);
  const before = text.slice(0, commandsAt).trimEnd();
  return [...(before === "" ? [] : wrapToWidth(before, width, indent)), `${indent}${text.slice(commandsAt)}`];
}
