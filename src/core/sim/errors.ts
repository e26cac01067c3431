/*
 * Typed errors of the sim layer. Errors thrown into tasks are values of classes
 * with a stable `kind`, so the trace and the UI can name them without parsing
 * messages. Higher layers define their own in the same shape.
 */

export class SimError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = kind;
  }
}

/** Thrown into a task's awaited future when the task is cancelled. */
export class TaskCancelled extends SimError {
  constructor(taskName: string) {
    super('TaskCancelled', `task ${taskName} was cancelled`);
  }
}

/** Thrown when a deadline passes before a future settles. */
export class Timeout extends SimError {
  constructor(what: string, timeoutUs: number) {
    super('Timeout', `${what} did not complete within ${timeoutUs} µs`);
  }
}

/** A short description of anything thrown, for the trace. */
export function describeError(error: unknown): { kind: string; message: string } {
  if (error instanceof SimError) return { kind: error.kind, message: error.message };
  if (error instanceof Error) return { kind: error.name || 'Error', message: error.message };
  return { kind: 'Thrown', message: String(error) };
}
