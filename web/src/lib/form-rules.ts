import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { checkCreditCode } from '@contracts/validators/credit-code';
import { checkProjectCode } from '@contracts/validators/project-code';

/**
 * antd form rules built on the shared contracts, so the web refuses what the server would refuse, as the
 * user types. The server still validates; its per-field answers are shown with fieldErrorsOf().
 */

/** Valid when the shared zod schema accepts the value (empty values are left to `required`). */
export const zodRule = (schema: z.ZodTypeAny, message: string): Rule => ({
  validator: (_r, value: unknown) =>
    value === undefined || value === null || value === '' || schema.safeParse(value).success
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});

/** 投资项目代码 in the 2020 (24 characters) or the 2016 format. */
export const projectCodeRule = (message: string): Rule => ({
  validator: (_r, value: unknown) =>
    !value || (typeof value === 'string' && checkProjectCode(value).valid)
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});

/** 统一社会信用代码 (GB 32100): charset, structure and the check character. */
export const creditCodeRule = (messages: { format: string; check: string }): Rule => ({
  validator: (_r, value: unknown) => {
    if (!value || typeof value !== 'string') return Promise.resolve();
    const c = checkCreditCode(value);
    if (c.valid) return Promise.resolve();
    return Promise.reject(new Error(c.reason === 'check' ? messages.check : messages.format));
  },
});
