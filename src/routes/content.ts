// OpenAPI response declarations for routes that answer in JSON or CSV.
import { z } from 'zod';

const csvBody = z.string().meta({
  description:
    'The same items as CSV (UTF-8, header row, one row per item; nested fields as snake_case columns named by their path, such as `province_code` and `value_usd`; lists as values joined with `|`; plus `period` and `sources`). Offered as a file (`Content-Disposition`); `?bom=true` adds a byte-order mark for Excel.',
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
