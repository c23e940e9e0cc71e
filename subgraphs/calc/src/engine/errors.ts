// The engine's one error type: bad input, naming the field. The subgraph maps it to BAD_USER_INPUT.
export class CalcInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'CalcInputError';
    this.field = field;
  }
}
