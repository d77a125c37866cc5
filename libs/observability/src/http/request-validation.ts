import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Parses a request body or query with `schema`; 400 naming every bad field otherwise. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const violations = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(whole)',
    problem: issue.message,
  }));
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `invalid ${what}: ${violations.map((v) => `${v.field} ${v.problem}`).join('; ')}`,
    violations,
  });
}
