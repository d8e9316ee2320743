import type { Organisation } from '../organisations';

/** The bodies named in the source documents, in the three languages (glossary terms). */
export const SEED_ORGANISATIONS: readonly Organisation[] = [
	{
		id: 'org-sms',
		name: {
			az: 'Azərbaycan Respublikası Dövlət Miqrasiya Xidməti',
			en: 'State Migration Service of the Republic of Azerbaijan',
			ru: 'Государственная миграционная служба Азербайджанской Республики'
		},
		shortName: { az: 'DMX', en: 'SMS', ru: 'ГМС' }
	},
	{
		id: 'org-cabinet',
		name: {
			az: 'Azərbaycan Respublikasının Nazirlər Kabineti',
			en: 'Cabinet of Ministers of the Republic of Azerbaijan',
			ru: 'Кабинет министров Азербайджанской Республики'
		},
		shortName: { az: 'Nazirlər Kabineti', en: 'Cabinet of Ministers', ru: 'Кабинет министров' }
	},
	{
		id: 'org-labour',
		name: {
			az: 'Azərbaycan Respublikasının Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi',
			en: 'Ministry of Labour and Social Protection of Population',
			ru: 'Министерство труда и социальной защиты населения'
		},
		shortName: { az: 'ƏƏSMN', en: 'Ministry of Labour', ru: 'Минтруда' }
	},
	{
		id: 'org-education',
		name: {
			az: 'Azərbaycan Respublikasının Elm və Təhsil Nazirliyi',
			en: 'Ministry of Science and Education',
			ru: 'Министерство науки и образования'
		},
		shortName: { az: 'ETN', en: 'Ministry of Education', ru: 'Минобразования' }
	},
	{
		id: 'org-mfa',
		name: {
			az: 'Azərbaycan Respublikasının Xarici İşlər Nazirliyi',
			en: 'Ministry of Foreign Affairs',
			ru: 'Министерство иностранных дел'
		},
		shortName: { az: 'XİN', en: 'MFA', ru: 'МИД' }
	},
	{
		id: 'org-ombudsman',
		name: {
			az: 'İnsan Hüquqları üzrə Müvəkkil (Ombudsman)',
			en: 'Commissioner for Human Rights (Ombudsman)',
			ru: 'Уполномоченный по правам человека (Омбудсман)'
		},
		shortName: { az: 'Ombudsman', en: 'Ombudsman', ru: 'Омбудсман' }
	},
	{
		id: 'org-unhcr',
		name: {
			az: 'BMT-nin Qaçqınlar üzrə Ali Komissarlığı',
			en: 'UNHCR, the UN Refugee Agency',
			ru: 'Управление Верховного комиссара ООН по делам беженцев'
		},
		shortName: { az: 'BMT QAK', en: 'UNHCR', ru: 'УВКБ ООН' }
	},
	{
		id: 'org-iom',
		name: {
			az: 'Beynəlxalq Miqrasiya Təşkilatı',
			en: 'International Organization for Migration',
			ru: 'Международная организация по миграции'
		},
		shortName: { az: 'BMqT', en: 'IOM', ru: 'МОМ' }
	},
	{
		id: 'org-icmpd',
		name: {
			az: 'Miqrasiya Siyasətinin İnkişafı üzrə Beynəlxalq Mərkəz',
			en: 'International Centre for Migration Policy Development',
			ru: 'Международный центр по развитию миграционной политики'
		},
		shortName: { az: 'MSİBM', en: 'ICMPD', ru: 'МЦРМП' }
	},
	{
		id: 'org-mobilaze',
		name: {
			az: 'MOBİLAZE layihəsi (Azərbaycanla mobillik naminə tərəfdaşlığa dəstək)',
			en: 'MOBILAZE project (support to the Mobility Partnership with Azerbaijan)',
			ru: 'Проект MOBILAZE (поддержка партнёрства по мобильности с Азербайджаном)'
		},
		shortName: { az: 'MOBİLAZE', en: 'MOBILAZE', ru: 'MOBILAZE' }
	},
	{
		id: 'org-de-interior',
		name: {
			az: 'Almaniya Federativ Respublikasının Daxili İşlər Nazirliyi',
			en: 'Federal Ministry of the Interior of Germany',
			ru: 'Министерство внутренних дел Федеративной Республики Германия'
		},
		shortName: { az: 'Almaniya DİN', en: 'German Interior Ministry', ru: 'МВД Германии' }
	},
	{
		id: 'org-nl-justice',
		name: {
			az: 'Niderland Krallığının Ədliyyə və Təhlükəsizlik Nazirliyi',
			en: 'Ministry of Justice and Security of the Netherlands',
			ru: 'Министерство юстиции и безопасности Королевства Нидерландов'
		},
		shortName: {
			az: 'Niderland Ədliyyə Nazirliyi',
			en: 'Dutch Justice Ministry',
			ru: 'Минюст Нидерландов'
		}
	}
];
