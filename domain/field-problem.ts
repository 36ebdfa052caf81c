/** One thing wrong with what someone sent, named by its field, in words that say what to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}
