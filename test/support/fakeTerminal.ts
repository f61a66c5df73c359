/** A terminal stream that keeps what is written to it: isTTY, its width, and what ora asks of a terminal besides write. */
export function fakeTerminal(columns: number, isTTY = true) {
  let written = "";
  const stream = {
    isTTY,
    columns,
    write: (text: string) => {
      written += text;
      return true;
    },
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
  };
  return { stream, written: () => written };
}
