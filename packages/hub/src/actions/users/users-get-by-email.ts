import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { duoUser } from '../schemas/common.js';
import { findUser } from './find-user.js';

/** Finds a user by email address. */
export const usersGetByEmail = defineAction({
  id: 'users.get_by_email',
  title: 'Get user by email',
  description: 'Finds the user with this email address; 404 when none matches.',
  api: 'admin',
  resource: 'users',
  idempotent: true,
  readOnly: true,
  input: z.strictObject({ email: z.email().describe('Email address') }),
  output: duoUser,
  run: async (ctx, { email }) => (await findUser(ctx.admin(), { email })) as never,
});
