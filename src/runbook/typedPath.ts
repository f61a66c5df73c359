/**
 * A file path as an operator types or drops it at a prompt: a terminal's drag and drop quotes it
 * ('…' or "…") or escapes its spaces (`\ `), and `~/` is the home folder the shell would have
 * expanded. Anything else is taken as it is.
 */
export function typedPath(answer: string, home: string | undefined): string {
  let path = answer.trim();
  const quoted = /^(['"])(.*)\1$/s.exec(path);
  if (quoted) path = quoted[2]!;
  else path = path.replace(/\\(.)/g, "$1");
  if (home && (path === "~" || path.startsWith("~/"))) path = `${home}${path.slice(1)}`;
  return path;
}
