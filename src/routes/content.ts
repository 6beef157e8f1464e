// OpenAPI response declarations for routes that answer in JSON or CSV.
import { z } from 'zod';

const csvBody = z.string().meta({
  description:
    'The same items as CSV (UTF-8, header row, nested fields as dotted column names, plus `period` and `sources`).',
});

export function csvContent(
  schema: z.ZodType,
  description = 'OK. JSON by default; CSV with `Accept: text/csv` or `?format=csv`.',
) {
  return {
    description,
    content: { 'application/json': { schema }, 'text/csv': { schema: csvBody } },
  };
}
