import { z } from 'zod';
import { limits } from './limits.ts';

/** Page sizes (`first`, `last`) are limited to `limits.maxPageSize`; larger pages are refused, not clamped. */
export const pageSize = z
  .number()
  .int('page size must be an integer')
  .min(1, 'page size must be at least 1')
  .max(limits.maxPageSize, `page size must be at most ${limits.maxPageSize}`);
