import { decodeBase64Strict, isDuoError, logoDelete, logoGet, logoUpdate, readPngSize, type DuoLogo } from '@duohub/sdk';
import { z } from 'zod';
import type { ActionContext } from '../action-context.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun } from '../schemas/common.js';

/**
 * Catalog actions of the account logo (resource `logo`), the image Duo Mobile activations and the
 * Duo Prompt show. Replacing and deleting it are destructive; their dry runs read the current logo.
 */

const resource = 'logo';
const signal = (ctx: ActionContext) => (ctx.signal ? { signal: ctx.signal } : {});

/** Duo's Admin Panel limits for a logo: a PNG of at most 500 x 500 pixels and 200 KB. */
export const LOGO_LIMITS = { maxBytes: 200 * 1024, maxPixels: 500 } as const;

/** What is wrong with a base64 logo, or undefined when Duo would take it. */
export function logoProblem(base64: string): string | undefined {
  const png = decodeBase64Strict(base64);
  if (!png) return 'must be base64 (standard alphabet, no line breaks)';
  const size = readPngSize(png);
  if (!size) return 'must be a PNG image';
  if (png.length > LOGO_LIMITS.maxBytes) return `must be at most ${LOGO_LIMITS.maxBytes / 1024} KB (is ${Math.ceil(png.length / 1024)} KB)`;
  if (size.width > LOGO_LIMITS.maxPixels || size.height > LOGO_LIMITS.maxPixels) {
    return `must be at most ${LOGO_LIMITS.maxPixels} x ${LOGO_LIMITS.maxPixels} pixels (is ${size.width} x ${size.height})`;
  }
  return undefined;
}

/** A logo as action input: base64 PNG within Duo's limits, refused naming the field otherwise. */
export const logoInput = z
  .string()
  .superRefine((value, issue) => {
    const problem = logoProblem(value);
    if (problem) issue.addIssue({ code: 'custom', message: problem });
  })
  .describe(`The new logo: a base64-encoded PNG of at most ${LOGO_LIMITS.maxPixels} x ${LOGO_LIMITS.maxPixels} pixels and ${LOGO_LIMITS.maxBytes / 1024} KB`);

/** A logo described for people and dry runs: size in pixels and bytes. */
function describeLogo(logo: DuoLogo) {
  const size = readPngSize(logo.data);
  return { content_type: logo.contentType, bytes: logo.data.length, width: size?.width ?? null, height: size?.height ?? null };
}

const logoOutput = z.object({
  content_type: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  png_base64: z.string().describe('The image, base64-encoded'),
});

/**
 * The current logo, or undefined when none is set. Duo answers a missing logo with an error
 * (400/40002 "Logo not found"; some tenants may answer 404): both read as "no logo".
 */
async function currentLogo(ctx: ActionContext): Promise<DuoLogo | undefined> {
  try {
    return await ctx.admin().logo.get(signal(ctx));
  } catch (error) {
    if (isDuoError(error) && (error.code === 40002 || error.code === 40401)) return undefined;
    throw error;
  }
}

const label = (logo: DuoLogo) => {
  const d = describeLogo(logo);
  return `the current ${d.width ?? '?'} x ${d.height ?? '?'} logo (${d.bytes} bytes)`;
};

/** Reads the account logo. */
export const logoGetAction = endpointAction(logoGet, {
  resource,
  title: 'Get logo',
  description: 'Reads the logo Duo Mobile activations and the Duo Prompt show, as a base64 PNG with its size. Duo answers an error when none is set.',
  output: logoOutput,
  run: async (ctx) => {
    const logo = await ctx.admin().logo.get(signal(ctx));
    return { ...describeLogo(logo), png_base64: logo.data.toString('base64') };
  },
});

/** Replaces the account logo. */
export const logoUpdateAction = endpointAction(logoUpdate, {
  resource,
  title: 'Replace logo',
  description:
    'Replaces the logo Duo Mobile activations and the Duo Prompt show with a PNG (base64, at most 500 x 500 pixels and 200 KB). A dry run reads the current logo and changes nothing.',
  destructive: true,
  input: { logo: logoInput },
  output: z.object({ updated: z.literal(true), bytes: z.number().int(), width: z.number().int(), height: z.number().int() }),
  dryRun: async (ctx, input) => {
    const next = decodeBase64Strict(input['logo'] as string)!;
    const size = readPngSize(next)!;
    const current = await currentLogo(ctx);
    const incoming = `a ${size.width} x ${size.height} PNG (${next.length} bytes)`;
    return dryRun(
      current ? describeLogo(current) : { has_logo: false },
      current ? `would replace ${label(current)} with ${incoming}` : `would set ${incoming} as the logo (none is set)`,
    );
  },
  run: async (ctx, input) => {
    const png = decodeBase64Strict(input['logo'] as string)!;
    await ctx.admin().logo.update(png, signal(ctx));
    return { updated: true as const, bytes: png.length, ...readPngSize(png)! };
  },
});

/** Deletes the account logo. */
export const logoDeleteAction = endpointAction(logoDelete, {
  resource,
  title: 'Delete logo',
  description: 'Removes the logo Duo Mobile activations and the Duo Prompt show; Duo falls back to its own. A dry run reads the current logo and deletes nothing.',
  destructive: true,
  output: z.object({ deleted: z.literal(true) }),
  dryRun: async (ctx) => {
    const current = await currentLogo(ctx);
    return current ? dryRun(describeLogo(current), `would delete ${label(current)}`) : dryRun({ has_logo: false }, 'would change nothing: no logo is set');
  },
  run: async (ctx) => {
    await ctx.admin().logo.delete(signal(ctx));
    return { deleted: true as const };
  },
});

/** The three logo actions, in catalog order. */
export const logoActions = [logoGetAction, logoUpdateAction, logoDeleteAction] as const;
