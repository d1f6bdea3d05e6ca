import { Matrix } from '@bpnet/core';
import { indexColumnNames, listColumnNames } from './column-names.js';
import { restoreFormulaCell } from './csv-formula-cells.js';
import type { CsvRawRecord } from './csv-record-reader.js';
import type { NamedDataset } from './dataset.js';
import { quoteForMessage } from './quote-for-message.js';

const decimalNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Values per storage block: rows are kept in blocks of about 512 KiB until the row count is known. */
const blockValues = 1 << 16;

/**
 * The text of a name or label cell: a quoted cell exactly as written, an unquoted one without surrounding white
 * space; then a cell that {@link neutralizeFormulaCell} escaped (`'=…`, `'+…`, `'-…`, `'@…`) loses that quote.
 */
function textCell(field: string, wasQuoted: boolean): string {
  return restoreFormulaCell(wasQuoted ? field : field.trim());
}

/**
 * Builds a {@link NamedDataset} from CSV records given one at a time (the header first), keeping only the numbers,
 * labels and names: memory grows with the data, never with the text. Each cell is looked at once.
 */
export class CsvTableBuilder {
  private names: string[] | undefined;
  private headerLine = 0;
  private labelColumn = -1;
  private features = 0;
  private rowsPerBlock = 0;
  private readonly blocks: Float64Array[] = [];
  private rows = 0;
  private readonly labels: number[] = [];
  private readonly classNames: string[] = [];
  private readonly classOf = new Map<string, number>();

  /**
   * @param labelName - the label column's name, matched exactly against the names as read.
   * @param source - the name used in error messages.
   */
  constructor(
    private readonly labelName: string,
    private readonly source: string,
  ) {}

  /** Takes the next record: the header, then the data rows. */
  add(record: CsvRawRecord): void {
    const { names } = this;
    if (names === undefined) this.addHeader(record);
    else this.addRow(record, names);
  }

  /**
   * The data set of the records added.
   * @throws Error for no records at all or a header without data rows.
   */
  finish(): NamedDataset {
    const { names, source } = this;
    if (names === undefined)
      throw new Error(`${source}: the file is empty; expected a header line and at least one data row`);
    if (this.rows === 0)
      throw new Error(`${source}: no data rows after the header on line ${this.headerLine}; expected at least one row`);
    const { rows, features, rowsPerBlock } = this;
    const data = new Float64Array(rows * features);
    this.blocks.forEach((block, index) => {
      const first = index * rowsPerBlock;
      const count = Math.min(rowsPerBlock, rows - first);
      data.set(count === rowsPerBlock ? block : block.subarray(0, count * features), first * features);
    });
    this.blocks.length = 0;
    return {
      inputs: new Matrix(rows, features, data),
      labels: this.labels,
      classNames: this.classNames,
      featureNames: names.filter((_, column) => column !== this.labelColumn),
    };
  }

  private addHeader({ line, fields, quoted }: CsvRawRecord): void {
    const where = `${this.source} line ${line}`;
    const names = fields.map((field, column) => textCell(field, quoted[column]));
    const columns = indexColumnNames(names, where);
    const labelColumn = columns.get(this.labelName);
    if (labelColumn === undefined) {
      throw new Error(
        `${where}: the header has no column ${quoteForMessage(this.labelName)} ` +
          `(the label option); its columns are: ${listColumnNames(names)}`,
      );
    }
    if (names.length < 2) {
      throw new Error(
        `${where}: the header has only the label column ${quoteForMessage(this.labelName)}; ` +
          `expected at least one feature column`,
      );
    }
    this.names = names;
    this.headerLine = line;
    this.labelColumn = labelColumn;
    this.features = names.length - 1;
    this.rowsPerBlock = Math.max(1, Math.floor(blockValues / this.features));
  }

  private addRow({ line, fields, quoted }: CsvRawRecord, names: readonly string[]): void {
    const { source, labelColumn, features } = this;
    if (fields.length !== names.length) {
      const found = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
      throw new Error(
        `${source} line ${line}: ${found}, expected ${names.length} (the header has ${names.length} columns)`,
      );
    }
    const row = this.rows;
    const blockIndex = Math.floor(row / this.rowsPerBlock);
    if (blockIndex === this.blocks.length) this.blocks.push(new Float64Array(this.rowsPerBlock * features));
    const block = this.blocks[blockIndex];
    let at = (row - blockIndex * this.rowsPerBlock) * features;
    let label = -1;
    for (let column = 0; column < fields.length; column++) {
      const field = fields[column];
      if (column === labelColumn) {
        const value = textCell(field, quoted[column]);
        if (value === '')
          throw new Error(`${source} line ${line}: the label column ${quoteForMessage(names[column])} is empty`);
        label = this.classOf.get(value) ?? -1;
        if (label < 0) {
          label = this.classNames.push(value) - 1;
          this.classOf.set(value, label);
        }
        continue;
      }
      const value = field.trim();
      if (value === '')
        throw new Error(
          `${source} line ${line}, column ${quoteForMessage(names[column])}: the cell is empty; expected a number`,
        );
      const number = decimalNumber.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(number)) {
        const why = Number.isNaN(number) ? 'is not a number' : 'is out of the float64 range';
        throw new Error(
          `${source} line ${line}, column ${quoteForMessage(names[column])}: ${quoteForMessage(field)} ${why}`,
        );
      }
      block[at++] = number;
    }
    this.labels.push(label);
    this.rows++;
  }
}
