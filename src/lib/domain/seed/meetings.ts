import type { Meeting } from '../meetings';

/**
 * Demo meetings from the source documents: the third meeting of the working group on the
 * integration and social protection of persons granted refugee status (seed 002, 23 May 2018),
 * which discussed the Roadmap's four areas, and the fifth meeting of the reintegration working
 * group with the RESTART partners (seed 004, which gives no day: dated here in 2024, its year).
 * Everything is in the three languages, as a secretariat with a translator keeps it; a meeting
 * recorded on a tablet may stay in the one language it was written in, and screens mark it so.
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
		// A stand-in: seed 004 names no day, only its year (© 2024).
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
		chair: 'Vüsal Hüseynov',
		organisationIds: ['org-sms', 'org-de-interior', 'org-nl-justice', 'org-iom', 'org-icmpd'],
		participants: ['Vüsal Hüseynov (DMX)'],
		agenda: [
			{
				id: 'r5-a1',
				title: { az: 'Açılış', en: 'Opening', ru: 'Открытие' },
				minutes: {
					az: 'DMX rəisi Vüsal Hüseynov qonaqları salamlayaraq görüşün əhəmiyyətini vurğulamış, xarici ölkələrdən qaytarılmış Azərbaycan vətəndaşlarının cəmiyyətə reinteqrasiyasına yardımın, onların problemlərinin həlli üçün görülən tədbirlərin səmərəliliyinin artırılmasının və Azərbaycanın öz üzərinə götürdüyü öhdəliklərin icrasında davamlı qayıdışın təmin edilməsinin vacibliyini qeyd etmişdir. DMX və aidiyyəti dövlət qurumlarının ölkəyə readmissiya edilmiş şəxslərlə bağlı gördüyü tədbirlər də qeyd olunmuşdur.',
					en: 'Welcoming the guests, the head of the SMS, Vusal Huseynov, stressed the importance of the meeting: helping citizens of Azerbaijan returned from abroad to reintegrate into society, making the measures that address their problems more effective, and ensuring sustainable return as part of the commitments Azerbaijan has made. The measures taken by the SMS and the state bodies concerned for persons readmitted to the country were also noted.',
					ru: 'Искренне поприветствовав гостей, начальник Государственной миграционной службы Вюсал Гусейнов подчеркнул значение этой встречи, содействия реинтеграции в общество граждан Азербайджанской Республики, возвращённых из зарубежных стран, и повышения эффективности мер, проводимых для решения их проблем, а также важность обеспечения устойчивого возвращения в исполнении обязательств, взятых на себя Азербайджаном. Также были отмечены меры, проводимые Государственной миграционной службой и соответствующими государственными структурами в отношении лиц, реадмиссированных в страну.'
				}
			},
			{
				id: 'r5-a2',
				title: {
					az: 'RESTART layihəsinin məqsədləri',
					en: 'Aims of the RESTART project',
					ru: 'Цели проекта «RESTART»'
				},
				minutes: {
					az: 'Layihənin məqsədi Aİ-yə üzv dövlətlərdən qayıdan Azərbaycan vətəndaşlarının reinteqrasiyasını və davamlı qayıdışını asanlaşdırmaq üçün Azərbaycanın dövlət orqanlarının və vətəndaş cəmiyyəti institutlarının reinteqrasiya sahəsində potensialını gücləndirməkdir. Aİ, Norveç Krallığı, İsveçrə Konfederasiyası və Monteneqro ilə 4 readmissiya sazişi imzalanıb; Türkiyə, Rusiya, Gürcüstan, Moldova, Ukrayna, Pakistan və Serbiya ilə sazişlərin imzalanması üçün işlər aparılır.',
					en: 'The project aims to strengthen the reintegration capacity of Azerbaijan’s state bodies and civil society organisations, to ease the reintegration and sustainable return of Azerbaijani citizens from EU member states. Four readmission agreements have been signed (with the EU, Norway, Switzerland and Montenegro); work is under way towards agreements with Türkiye, Russia, Georgia, Moldova, Ukraine, Pakistan and Serbia.',
					ru: 'Цель проекта — укрепление потенциала государственных органов и институтов гражданского общества Азербайджана в сфере реинтеграции для облегчения реинтеграции и устойчивого возвращения граждан Азербайджана из государств — членов ЕС. Подписаны 4 соглашения о реадмиссии: с ЕС, Королевством Норвегия, Швейцарской Конфедерацией и Черногорией; ведётся работа над соглашениями с Турцией, Россией, Грузией, Молдовой, Украиной, Пакистаном и Сербией.'
				}
			},
			{
				id: 'r5-a3',
				title: {
					az: 'İştirakçıların məruzələri və layihənin icrası üçün addımlar',
					en: 'Reports of the participants and steps to carry out the project',
					ru: 'Доклады участников и шаги по реализации проекта'
				},
				minutes: {
					az: 'İştirakçıların məruzələri dinlənilmiş, layihənin uğurlu icrası üçün atılan addımlar müzakirə edilmişdir.',
					en: 'The participants’ reports were heard, and the steps taken to carry out the project successfully were discussed.',
					ru: 'Были выслушаны доклады участников мероприятия и обсуждены шаги, предпринятые для успешной реализации проекта.'
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
