import type { Language } from '$lib/domain/languages';
import { t } from '$lib/i18n';
import { formatDateTime } from '$lib/i18n/format';
import type { SignInFailure } from './api';

/** Which field a failure belongs to, and its words. */
export function failureMessage(
	failure: SignInFailure,
	language: Language
): { field: 'username' | 'password' | 'form'; text: string } {
	switch (failure.kind) {
		case 'wrong':
			return { field: 'password', text: t('auth:signin.wrong') };
		case 'disabled':
			return { field: 'username', text: t('auth:signin.disabled') };
		case 'throttled':
			return {
				field: 'form',
				text: failure.retryAt
					? t('auth:signin.throttled_at', { time: formatDateTime(failure.retryAt, language) })
					: t('auth:signin.throttled')
			};
		case 'offline':
			return { field: 'form', text: t('auth:signin.offline') };
		case 'invalid':
			return {
				field:
					failure.field === 'username' || failure.field === 'password' ? failure.field : 'form',
				text: t('auth:signin.server', { message: failure.message })
			};
		case 'server':
			return { field: 'form', text: t('auth:signin.server', { message: failure.message }) };
	}
}
