/**
 * An error with the HTTP status and the Chinese sentence the user sees. Anything else a handler
 * throws is answered as a 500 with no detail (the detail goes to the server log).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
