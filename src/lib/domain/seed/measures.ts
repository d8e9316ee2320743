import type { Measure, MeasureNote } from '../measures';
import { TARGET_DATE } from './catalogue';

/**
 * Demo measures: rows 1.1, 1.2, 1.4 and 2.1 of the 2016 action-plan report (seed document 001),
 * with its own titles, deadlines ("Mütəmadi") and responsible bodies, and a chapter for the
 * refugee integration Roadmap's four areas discussed at the working group's third meeting.
 * Azerbaijani is the source; English and Russian are our translations.
 */

const CHAPTER_1 = {
	az: 'Normativ-hüquqi bazanın təkmilləşdirilməsi',
	en: 'Improving the legal framework',
	ru: 'Совершенствование нормативно-правовой базы'
};
const CHAPTER_2 = {
	az: 'Əhalinin müxtəlif qruplarının hüquqlarının müdafiəsi',
	en: 'Protecting the rights of different groups of the population',
	ru: 'Защита прав различных групп населения'
};
const CHAPTER_3 = {
	az: 'Qaçqınların inteqrasiyası üzrə Yol xəritəsi',
	en: 'Refugee integration Roadmap',
	ru: 'Дорожная карта по интеграции беженцев'
};

export const SEED_MEASURES: readonly Measure[] = [
	{
		id: 'measure-1-1',
		chapter: 1,
		chapterTitle: CHAPTER_1,
		number: '1.1',
		area: null,
		title: {
			az: 'Azərbaycan Respublikası qanunları layihələrinin hazırlanması zamanı Azərbaycan Respublikasının Konstitusiyasında və Azərbaycan Respublikasının tərəfdar çıxdığı beynəlxalq müqavilələrdə təsbit edilmiş insan hüquq və azadlıqlarının əsas meyar kimi rəhbər tutulması.',
			en: 'Taking the human rights and freedoms enshrined in the Constitution and in the international treaties to which the Republic of Azerbaijan is a party as the main criterion when drafting laws.',
			ru: 'Руководство правами и свободами человека, закреплёнными в Конституции и в международных договорах, участницей которых является Азербайджанская Республика, как основным критерием при подготовке законопроектов.'
		},
		deadline: 'ongoing',
		responsibleBodyIds: ['org-cabinet'],
		status: 'in_progress',
		indicatorIds: []
	},
	{
		id: 'measure-1-2',
		chapter: 1,
		chapterTitle: CHAPTER_1,
		number: '1.2',
		area: null,
		title: {
			az: 'Azərbaycan Respublikasının tərəfdar çıxdığı insan hüquqlarına və azadlıqlarına dair beynəlxalq müqavilələrdən irəli gələn öhdəliklərin həyata keçirilməsi və Azərbaycan Respublikasının normativ-hüquqi aktlarının beynəlxalq hüquqi sənədlərə uyğunluğunun təmin edilməsi.',
			en: 'Fulfilling the obligations arising from the international human rights treaties to which the Republic of Azerbaijan is a party, and bringing its legal acts in line with international legal instruments.',
			ru: 'Выполнение обязательств, вытекающих из международных договоров о правах и свободах человека, участницей которых является Азербайджанская Республика, и обеспечение соответствия её нормативно-правовых актов международно-правовым документам.'
		},
		deadline: 'ongoing',
		responsibleBodyIds: ['org-cabinet'],
		status: 'in_progress',
		indicatorIds: []
	},
	{
		id: 'measure-1-4',
		chapter: 1,
		chapterTitle: CHAPTER_1,
		number: '1.4',
		area: null,
		title: {
			az: 'Xarici ölkələrdə Azərbaycan Respublikası vətəndaşlarının hüquqi vəziyyətini yaxşılaşdıran və onların hüquqlarının müdafiəsini tənzimləyən müqavilə-hüquq bazasının genişləndirilməsi üzrə tədbirlərin həyata keçirilməsi.',
			en: 'Expanding the treaty base that improves the legal situation of citizens of the Republic of Azerbaijan abroad and governs the protection of their rights.',
			ru: 'Осуществление мер по расширению договорно-правовой базы, улучшающей правовое положение граждан Азербайджанской Республики за рубежом и регулирующей защиту их прав.'
		},
		deadline: 'ongoing',
		responsibleBodyIds: ['org-sms'],
		status: 'in_progress',
		indicatorIds: []
	},
	{
		id: 'measure-2-1',
		chapter: 2,
		chapterTitle: CHAPTER_2,
		number: '2.1',
		area: null,
		title: {
			az: 'Ermənistanın Azərbaycana qarşı təcavüzü nəticəsində qaçqın və məcburi köçkün düşmüş şəxslərin hüquqlarının kütləvi şəkildə pozulması, işğal nəticəsində Azərbaycanın təbii, tarixi və mədəni sərvətlərinin dağıdılması faktının dünya ictimaiyyətinə çatdırılması və onlara dəymiş zərərin Ermənistan dövləti tərəfindən ödənilməsi məqsədilə beynəlxalq təşkilatlarda işin davam etdirilməsi',
			en: "Continuing work in international organisations to bring to the world's attention the mass violation of the rights of refugees and internally displaced persons and the destruction of Azerbaijan's natural, historical and cultural heritage, and to have the damage compensated.",
			ru: 'Продолжение работы в международных организациях по доведению до мировой общественности фактов массового нарушения прав беженцев и вынужденных переселенцев и уничтожения природного, исторического и культурного достояния Азербайджана, а также по возмещению причинённого ущерба.'
		},
		deadline: 'ongoing',
		responsibleBodyIds: ['org-cabinet'],
		status: 'in_progress',
		indicatorIds: []
	},
	{
		id: 'measure-3-1',
		chapter: 3,
		chapterTitle: CHAPTER_3,
		number: '3.1',
		area: 'housing',
		title: {
			az: 'Qaçqın statusu verilmiş şəxslərin yaşayış sahəsi ilə təmin olunma imkanının genişləndirilməsi',
			en: 'Widening access to housing for persons granted refugee status',
			ru: 'Расширение доступа к жилью для лиц, получивших статус беженца'
		},
		deadline: TARGET_DATE,
		responsibleBodyIds: ['org-sms', 'org-unhcr'],
		status: 'in_progress',
		indicatorIds: ['ind-h1']
	},
	{
		id: 'measure-3-2',
		chapter: 3,
		chapterTitle: CHAPTER_3,
		number: '3.2',
		area: 'education',
		title: {
			az: 'Qaçqın uşaqlarının və gənclərinin təhsilə çıxış imkanının təmin edilməsi',
			en: 'Ensuring access to education for refugee children and young people',
			ru: 'Обеспечение доступа к образованию для детей и молодёжи из числа беженцев'
		},
		deadline: TARGET_DATE,
		responsibleBodyIds: ['org-education', 'org-unhcr'],
		status: 'in_progress',
		indicatorIds: ['ind-e1']
	},
	{
		id: 'measure-3-3',
		chapter: 3,
		chapterTitle: CHAPTER_3,
		number: '3.3',
		area: 'labour',
		title: {
			az: 'Qaçqın statusu verilmiş şəxslərin əmək bazarına və sosial təminat sisteminə çıxış imkanının genişləndirilməsi',
			en: 'Widening access to the labour market and the social protection system for persons granted refugee status',
			ru: 'Расширение доступа к рынку труда и системе социального обеспечения для лиц, получивших статус беженца'
		},
		deadline: TARGET_DATE,
		responsibleBodyIds: ['org-labour', 'org-sms', 'org-mobilaze'],
		status: 'in_progress',
		indicatorIds: ['ind-l1']
	},
	{
		id: 'measure-3-4',
		chapter: 3,
		chapterTitle: CHAPTER_3,
		number: '3.4',
		area: 'dialogue',
		title: {
			az: 'Yerli icmalarla mədəniyyətlərarası dialoqun genişləndirilməsi üzrə tədbirlər planının hazırlanması',
			en: 'Drawing up a plan of events to expand intercultural dialogue with local communities',
			ru: 'Подготовка плана мероприятий по расширению межкультурного диалога с местными общинами'
		},
		deadline: '2026-06-30',
		responsibleBodyIds: ['org-sms', 'org-ombudsman'],
		status: 'not_started',
		indicatorIds: ['ind-d1']
	}
];

const REPORT_2016 = 'DMX, 2016-cı il hesabatı';

function note(
	id: string,
	measureId: string,
	date: string,
	lang: MeasureNote['lang'],
	text: string,
	authorName = REPORT_2016,
	organisationId: string | null = 'org-sms'
): MeasureNote {
	return {
		id,
		measureId,
		date,
		text,
		lang,
		authorName,
		organisationId,
		createdAt: `${date}T12:00:00.000Z`
	};
}

/** Work done, from the 2016 report (in Azerbaijani) and the later seed documents. */
export const SEED_MEASURE_NOTES: readonly MeasureNote[] = [
	note(
		'note-1-1-a',
		'measure-1-1',
		'2016-05-06',
		'az',
		'Azərbaycan Respublikasının 6 may 2016-cı il tarixli 223-VQD nömrəli Qanunu ilə “Azərbaycan Respublikasının Miqrasiya Məcəlləsi”nə edilmiş dəyişikliklər nəticəsində əcnəbilər və vətəndaşlığı olmayan şəxslərə müvəqqəti yaşamaq üçün icazənin verildiyi halların sırasına 2 hal və iş icazəsinin alınması tələb olunmayan halların sırasına 2 hal əlavə edilmişdir.'
	),
	note(
		'note-1-1-b',
		'measure-1-1',
		'2016-06-14',
		'az',
		'14 iyun 2016-cı il tarixli 280-VQD nömrəli Qanunla Miqrasiya Məcəlləsinin 38-ci maddəsi (Elektron vizalar) yeni redaksiyada verilmiş, əcnəbilər “ASAN Viza” sistemi vasitəsilə elektron viza almaq hüququ əldə etmişlər.'
	),
	note(
		'note-1-1-c',
		'measure-1-1',
		'2016-06-24',
		'az',
		'“Azərbaycan Respublikasının vətəndaşlığı haqqında” Qanuna 24 iyun 2016-cı il tarixli 302-VQD nömrəli Qanunla edilmiş dəyişikliklə qaçqın statusu almış şəxslərin də vətəndaşlığa qəbul olunması qanunvericilikdə birbaşa əksini tapmışdır.'
	),
	note(
		'note-1-1-d',
		'measure-1-1',
		'2016-08-24',
		'az',
		'Tvinninq layihəsi üzrə tərəfdaş dövlətlərin ekspertlərinin tövsiyələri nəzərə alınmaqla hazırlanmış “Qanunsuz miqrantların saxlanılması mərkəzlərinin daxili intizam Qaydaları” Nazirlər Kabinetinin 24 avqust 2016-cı il tarixli 317 nömrəli qərarı ilə təsdiq olunmuşdur.'
	),
	note(
		'note-1-2-a',
		'measure-1-2',
		'2016-12-31',
		'az',
		'Hesabat dövrü ərzində “Mülki və siyasi hüquqlar haqqında” Beynəlxalq Paktın, “İrqi ayrı-seçkiliyin bütün formalarının aradan qaldırılması haqqında” və “İşgəncə … əleyhinə” Konvensiyaların həyata keçirilməsinə dair dövri məruzələrin layihələrinə, GRETA-nın və Universal Dövri İcmal mexanizminin tövsiyələrinə Dövlət Miqrasiya Xidmətində baxılmış və münasibət bildirilmişdir.'
	),
	note(
		'note-1-2-b',
		'measure-1-2',
		'2019-04-05',
		'en',
		'The Ombudsman received the new Chief of the IOM Mission to Azerbaijan; they discussed cooperation on the Migration Management Strategy 2019–2023, the National Migration Strategy 2019–2024 and the Global Compact for Safe, Orderly and Regular Migration.',
		'Ombudsman Office',
		'org-ombudsman'
	),
	note(
		'note-1-4-a',
		'measure-1-4',
		'2016-10-10',
		'az',
		'“Azərbaycan Respublikası ilə İsveçrə Federal Şurası arasında icazəsiz yaşayan şəxslərin readmissiyası haqqında Saziş” 2016-cı ilin oktyabrın 10-da imzalanmışdır.'
	),
	note(
		'note-1-4-b',
		'measure-1-4',
		'2016-10-19',
		'az',
		'Azərbaycan–Moldova readmissiya sazişi layihəsinin müzakirəsi 23-25 fevral 2016-cı il tarixlərdə Kişinyovda, 18-19 oktyabr 2016-cı il tarixlərdə Bakıda keçirilmiş, bir maddə istisna olmaqla razılıq əldə olunmuşdur.'
	),
	note(
		'note-1-4-c',
		'measure-1-4',
		'2016-11-24',
		'az',
		'Rusiya Federasiyası ilə miqrasiya, əmək miqrasiyası və readmissiya sahəsində əməkdaşlıq haqqında Saziş layihələri 23-24 noyabr 2016-cı il tarixlərdə Moskvada ekspertlər səviyyəsində müzakirə edilmiş, bir neçə maddədə dəyişiklik razılaşdırılmışdır.'
	),
	note(
		'note-1-4-d',
		'measure-1-4',
		'2017-07-07',
		'az',
		'6-7 iyul 2017-ci il tarixlərdə BMqT tərəfindən Aİ-nin maliyyə dəstəyi ilə “Readmissiya sazişlərinin icrası ilə bağlı üsul və təcrübələr” mövzusunda seminar keçirilmişdir.',
		'DMX',
		'org-iom'
	),
	note(
		'note-1-4-e',
		'measure-1-4',
		'2024-01-15',
		'ru',
		'Подписано 4 соглашения о реадмиссии: с ЕС, Королевством Норвегия, Швейцарской Конфедерацией и Монтенегро. Ведутся работы по подписанию соглашений с Турцией, Россией, Грузией, Молдовой, Украиной, Пакистаном и Сербией.',
		'ГМС, рабочая группа по реинтеграции'
	),
	note(
		'note-2-1-a',
		'measure-2-1',
		'2016-09-20',
		'az',
		'20 sentyabr 2016-cı il tarixdə Nyu-Yorkda BMT Baş Assambleyasının “Qaçqın və miqrantların böyük axınının aradan qaldırılması” mövzusunda yüksək səviyyəli görüşündə Xidmət rəisi Azərbaycanın məcburi köçkün probleminə diqqət çəkmişdir.'
	),
	note(
		'note-2-1-b',
		'measure-2-1',
		'2016-10-06',
		'az',
		'6 oktyabr 2016-cı il tarixdə BMT QAK İcraiyyə Komitəsinin 67-ci sessiyasında məcburi köçkünlər üçün yaradılmış şərait və yeni yaşayış kompleksləri vurğulanmışdır.'
	),
	note(
		'note-2-1-c',
		'measure-2-1',
		'2016-12-08',
		'az',
		'“DMX və BMqT arasında Azərbaycandan Miqrantların Könüllü Qayıdışına Yardım Üzrə Pilot Layihənin həyata keçirilməsinə dair əməkdaşlıq Sazişi” 8 dekabr 2016-cı il tarixdə Cenevrədə imzalanmışdır.'
	)
];
