import type { ErrorCode } from '../schemas/result.js';

/**
 * An input the pipeline cannot process. `code` is the contract's error code; the message names
 * the reason in Chinese first (the CLI prefixes the file name).
 */
export class InputError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
    this.code = code;
  }
}

/**
 * A picture refused with a message that already says what the picture is (这是 TIFF 图片… / TIFF 图片已损坏…):
 * the caller that reads pictures as scans passes it on as it is instead of naming the picture a second time.
 */
export class PictureRefusal extends InputError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PictureRefusal';
  }
}

/** A fault that may pass if retried (database down, converter timeout); queue workers retry these. */
export class TransientError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
    this.code = code;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
