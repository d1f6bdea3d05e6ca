/**
 * Text cells that a spreadsheet would run as a formula: those starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (the OWASP "CSV injection" list), after any number of single quotes (so that the escape below is
 * reversible).
 */
const formulaLike = /^'*[=+\-@\t\r]/;
const neutralized = /^'+[=+\-@\t\r]/;

/**
 * Neutralizes a text cell for spreadsheets the standard way: a cell that starts like a formula (`=`, `+`, `-`, `@`,
 * a tab or a carriage return, possibly after single quotes) gets one more single quote in front, so a spreadsheet
 * shows it as text instead of running it; every other text is returned unchanged. {@link restoreFormulaCell}
 * undoes it exactly. (The caller quotes the cell as well.)
 */
export function neutralizeFormulaCell(text: string): string {
  return formulaLike.test(text) ? `'${text}` : text;
}

/**
 * Undoes {@link neutralizeFormulaCell}: a cell of one or more single quotes followed by `=`, `+`, `-`, `@`, a tab or
 * a carriage return loses its first quote (`'=SUM(A1)` reads as `=SUM(A1)`, `''=x` as `'=x`); every other text is
 * returned unchanged.
 */
export function restoreFormulaCell(text: string): string {
  return neutralized.test(text) ? text.slice(1) : text;
}
