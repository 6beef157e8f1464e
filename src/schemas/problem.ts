// RFC 9457 problem details: the one shape of every error the API returns.
import { z } from 'zod';
import { provinceRef } from './common.ts';

export const problemSchema = z
  .strictObject({
    type: z.string().meta({
      description: 'A URI naming the kind of problem.',
      examples: ['tag:nano-exports-api,2026:problem:not-found'],
    }),
    title: z.string().meta({ description: 'Short summary of the kind of problem.', examples: ['Not Found'] }),
    status: z.int().meta({ description: 'HTTP status code.', examples: [404] }),
    detail: z
      .string()
      .meta({ description: 'What went wrong in this request.', examples: ['No province matches "Isfahn".'] }),
    instance: z.string().meta({ description: 'The request path.', examples: ['/v1/provinces/Isfahn'] }),
    errors: z
      .array(
        z.strictObject({
          in: z
            .enum(['query', 'path', 'header', 'body'])
            .meta({ description: 'Where the bad input is.', examples: ['query'] }),
          parameter: z.string().meta({ description: 'Which parameter.', examples: ['limit'] }),
          message: z.string().meta({
            description:
              'What is wrong with it, in plain words: the parameter, what was given and what it accepts (or that it was empty, repeated or unknown, with the closest known name).',
            examples: ['limit must be a whole number from 1 to 100, such as 50; got "1000"'],
          }),
        }),
      )
      .optional()
      .meta({ description: 'Each bad parameter, for 400 responses.' }),
    suggestions: z
      .array(provinceRef)
      .optional()
      .meta({ description: 'For an unknown province: the closest matches.' }),
  })
  .meta({
    id: 'Problem',
    description: 'An error, as RFC 9457 problem details (`application/problem+json`).',
  });
export type Problem = z.infer<typeof problemSchema>;

/** Declares the responses other than 200 a data route can give, for the OpenAPI document. */
export function problemResponses(...codes: number[]) {
  const descriptions: Record<number, string> = {
    400: 'A parameter is invalid; `errors` names each one.',
    404: 'Not found.',
    406: 'The `Accept` header asks for a format this route cannot give.',
    414: 'The URL is longer than the server accepts.',
    429: 'Too many requests from this client; see `Retry-After`.',
    503: 'The server is overloaded; see `Retry-After`.',
  };
  // Every route can meet a long URL, the rate limit and load shedding.
  const all = [...new Set([...codes, 414, 429, 503])].sort();
  return {
    // type "null" makes @fastify/swagger document the response without a body.
    304: z.null().meta({ description: 'Not Modified: the `If-None-Match` ETag still matches. No body.' }),
    ...Object.fromEntries(
      all.map((c) => [
        c,
        { description: descriptions[c], content: { 'application/problem+json': { schema: problemSchema } } },
      ]),
    ),
  };
}
