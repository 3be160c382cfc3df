import type { Label } from "./labels";

/** One row of data.csv after validation. */
export interface MessageRecord {
  id: string;
  /** 1-based data row in the CSV (header is row 0). */
  row: number;
  /** Message with HTML entities decoded: what models see. */
  message: string;
  /** The message exactly as it stands in the file. */
  rawMessage: string;
  label: Label;
  rawLabel: string;
  blank: boolean;
  /** Normalized text shared by repeats of the same message ("" for blank rows). */
  repeatKey: string;
}
