import type * as v from 'valibot';
import { PASSWORD_MIN_LENGTH } from '$lib/domain/auth';
import { t } from '$lib/i18n';

/**
 * The shared schemas speak English to developers; the administrator reads each field's problem
 * in the interface language. One message per field, named by the field the schema reports.
 */
const FIELD_MESSAGES: Record<string, () => string> = {
	username: () => t('admin:errors.username'),
	name: () => t('admin:errors.name'),
	organisation: () => t('admin:errors.organisation'),
	role: () => t('admin:errors.role'),
	language: () => t('admin:errors.language'),
	locationIds: () => t('admin:errors.scope'),
	password: () => t('admin:errors.password', { min: PASSWORD_MIN_LENGTH })
};

export function errorText(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) {
		const key = issue.path?.[0]?.key;
		const field = typeof key === 'string' ? key : 'form';
		out[field] ??= FIELD_MESSAGES[field]?.() ?? issue.message;
	}
	return out;
}
