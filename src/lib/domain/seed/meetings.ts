import type { Meeting } from '../meetings';

/**
 * Demo meetings from the source documents: the third meeting of the working group on the
 * integration and social protection of persons granted refugee status (seed 002, 23 May 2018),
 * which discussed the Roadmap's four areas, and the fifth meeting of the reintegration working
 * group with the RESTART partners (seed 004, which gives no day: dated here in 2024, its year).
 */
export const SEED_MEETINGS: readonly Meeting[] = [
	{
		id: 'meeting-integration-3',
		group: 'integration',
		number: 3,
		date: '2018-05-23',
		title: {
			az: 'Qaçqın statusu almış şəxslərin sosial-iqtisadi hüquqlarının təmin edilməsi və “Yol xəritəsi” üçün tövsiyələr',
			en: 'Securing the social and economic rights of persons granted refugee status, and recommendations for the Roadmap',
			ru: 'Обеспечение социально-экономических прав лиц, получивших статус беженца, и рекомендации для Дорожной карты'
		},
		place: {
			az: 'Dövlət Miqrasiya Xidməti, Bakı',
			en: 'State Migration Service, Baku',
			ru: 'Государственная миграционная служба, Баку'
		},
		chair: 'Vüsal Hüseynov',
		organisationIds: ['org-sms', 'org-unhcr', 'org-mobilaze', 'org-labour', 'org-education'],
		participants: [
			'Vüsal Hüseynov (DMX)',
			'Furio De Angelis (BMT QAK)',
			'Elnur Nəsibov (MOBİLAZE)'
		],
		agenda: [
			{
				id: 'i3-a1',
				title: { az: 'Açılış', en: 'Opening', ru: 'Открытие' },
				minutes: {
					az: 'DMX rəisi işçi qrupunun hər bir görüşünün konkret nəticəsi olmasının zəruriliyini vurğulamış, əvvəlki iki iclasın mövzularını xatırlatmışdır: qaçqınların əmək bazarına və sosial təminat sisteminə çıxışı; yol sənədi və qaçqın vəsiqəsi.',
					en: 'The head of the SMS stressed that every meeting of the working group must have a concrete result and recalled the themes of the two earlier meetings: refugees’ access to the labour market and the social protection system; travel documents and refugee ID cards.',
					ru: 'Начальник ГМС подчеркнул, что каждая встреча рабочей группы должна иметь конкретный результат, и напомнил темы двух предыдущих заседаний: доступ беженцев к рынку труда и системе социального обеспечения; проездные документы и удостоверения беженца.'
				}
			},
			{
				id: 'i3-a2',
				title: {
					az: '“Yol xəritəsi” sənədinin müzakirəsi',
					en: 'Discussion of the Roadmap document',
					ru: 'Обсуждение документа «Дорожная карта»'
				},
				minutes: {
					az: 'Sənəddə qaçqınların inteqrasiyası üçün dörd əsas sahə müəyyən edilib: yaşayış sahəsi ilə təmin olunma imkanı; təhsilə çıxış imkanı; əmək bazarına çıxış imkanı; mədəniyyətlərarası dialoqun genişləndirilməsi. BMT QAK nümayəndəsi mövzuya çoxtərəfli yanaşmanın vacibliyini qeyd etmişdir.',
					en: 'The document names four areas for refugee integration: access to housing; access to education; access to the labour market; expanding intercultural dialogue. The UNHCR representative stressed that the subject needs a multilateral approach.',
					ru: 'Документ определяет четыре основные сферы интеграции беженцев: доступ к жилью; доступ к образованию; доступ к рынку труда; расширение межкультурного диалога. Представитель УВКБ ООН отметил необходимость многостороннего подхода.'
				}
			},
			{
				id: 'i3-a3',
				title: {
					az: 'MOBİLAZE layihəsinin təqdimatı',
					en: 'Presentation by the MOBILAZE project',
					ru: 'Презентация проекта MOBILAZE'
				},
				minutes: {
					az: 'Layihənin Milli Koordinatoru Elnur Nəsibov “Yol xəritəsi” sənədi barədə təqdimatla çıxış etmişdir. Sonda müzakirələr aparılmışdır.',
					en: 'The project’s national coordinator, Elnur Nasibov, presented the Roadmap document, followed by a discussion.',
					ru: 'Национальный координатор проекта Эльнур Насибов выступил с презентацией документа «Дорожная карта», после чего состоялось обсуждение.'
				}
			}
		],
		decisions: [
			{
				id: 'i3-d1',
				text: {
					az: 'Yaşayış sahəsi ilə təmin olunma imkanı üzrə tədbirləri Yol xəritəsinə daxil etmək',
					en: 'Put measures on access to housing into the Roadmap',
					ru: 'Включить в Дорожную карту меры по доступу к жилью'
				},
				ownerId: 'org-sms',
				dueDate: '2018-12-31',
				status: 'done',
				measureId: 'measure-3-1'
			},
			{
				id: 'i3-d2',
				text: {
					az: 'Qaçqınların məşğulluğu məsələsində dövlətlə yanaşı beynəlxalq tərəfdaşların və vətəndaş cəmiyyəti institutlarının iştirak mexanizmini yaratmaq',
					en: 'Set up a mechanism in which international partners and civil society organisations take part, beside the state, in refugees’ employment',
					ru: 'Создать механизм участия международных партнёров и институтов гражданского общества, наряду с государством, в вопросах занятости беженцев'
				},
				ownerId: 'org-labour',
				dueDate: '2019-06-30',
				status: 'open',
				measureId: 'measure-3-3'
			},
			{
				id: 'i3-d3',
				text: {
					az: 'Mədəniyyətlərarası dialoq üzrə tədbirlər planını növbəti iclasa təqdim etmək',
					en: 'Present a plan of intercultural dialogue events at the next meeting',
					ru: 'Представить на следующем заседании план мероприятий по межкультурному диалогу'
				},
				ownerId: 'org-sms',
				dueDate: '2018-09-30',
				status: 'open',
				measureId: null
			}
		]
	},
	{
		id: 'meeting-reintegration-5',
		group: 'reintegration',
		number: 5,
		date: '2024-01-15',
		title: {
			az: 'RESTART layihəsi üzrə tərəfdaşların ilk görüşü',
			en: 'First meeting of the RESTART project partners',
			ru: 'Первая встреча партнёров по проекту «RESTART»'
		},
		place: {
			az: 'Dövlət Miqrasiya Xidmətinin inzibati binası, Bakı',
			en: 'State Migration Service headquarters, Baku',
			ru: 'Административное здание Государственной миграционной службы, Баку'
		},
		chair: 'Вюсал Гусейнов',
		organisationIds: ['org-sms', 'org-iom', 'org-icmpd', 'org-mfa'],
		participants: [
			'Вюсал Гусейнов (ГМС)',
			'Представители МВД Германии',
			'Представители Министерства юстиции и безопасности Нидерландов'
		],
		agenda: [
			{
				id: 'r5-a1',
				title: {
					az: 'RESTART layihəsinin məqsədləri',
					en: 'Aims of the RESTART project',
					ru: 'Цели проекта «RESTART»'
				},
				minutes: {
					az: '',
					en: '',
					ru: 'Цель проекта — укрепление потенциала государственных органов и институтов гражданского общества Азербайджана в сфере реинтеграции для устойчивого возвращения граждан Азербайджана из государств — членов ЕС.'
				}
			}
		],
		decisions: [
			{
				id: 'r5-d1',
				text: {
					az: 'İlkin mərhələdə reinteqrasiyaya yardım üzrə təlimat hazırlamaq',
					en: 'Prepare a reintegration assistance guide as a first step',
					ru: 'Подготовить на начальном этапе руководство по содействию реинтеграции'
				},
				ownerId: 'org-icmpd',
				dueDate: '2024-12-31',
				status: 'open',
				measureId: null
			}
		]
	}
];
