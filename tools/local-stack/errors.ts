/** A local-stack operation that cannot go on; the message tells the user what to do. */
export class StackError extends Error {
  constructor(
    readonly component: string,
    message: string,
  ) {
    super(`${component}: ${message}`);
    this.name = 'StackError';
  }
}
