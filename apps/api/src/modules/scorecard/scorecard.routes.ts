import { DeskScorecard } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { sendTableFile } from '../../platform/http/table-reply';
import { scorecardCsv, scorecardFileName, scorecardXlsx } from './scorecard.export';
import { deskScorecard } from './scorecard.service';

const tags = ['requests'];
const querystring = z.object({
  year: z.coerce.number().int().min(1300).max(1600).optional(),
  province: z.string().trim().min(1).max(100).optional(),
});
const description =
  'year: a Jalali year from 1390 to the current one (default: the current one; DESK_SCORECARD_YEAR_OUT_OF_RANGE otherwise). province: only the agencies of that province. Central roles (central reviewers, oversight auditors, platform administrators) see every active agency and the provinces compared; an agency administrator sees their agencies; anyone else is refused (FORBIDDEN). Each criterion is numerator/denominator with what was counted; a criterion with nothing to count has value null and a note, and is left out of the total (the mean of the measured criteria).';

/** The desk scorecard: JSON for the screen, CSV and XLSX for spreadsheets (the same figures). */
export async function scorecardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/desk-scorecard',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary:
          'The desk evaluation scorecard of one Jalali year: ten criteria per agency (and per province for central roles) counted from the data, each with its evidence; format=csv|xlsx downloads the same table',
        description,
        querystring: querystring.extend({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        response: { 200: DeskScorecard },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const card = await deskScorecard(ctx, req.actor, q, req.lang);
      if (format === 'json') return card;
      return sendTableFile(reply, format, scorecardFileName(card, format), { csv: () => scorecardCsv(card), xlsx: () => scorecardXlsx(card) });
    },
  );
}
