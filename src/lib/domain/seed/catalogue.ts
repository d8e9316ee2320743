import { AREA_PREFIX, type AreaId } from '../areas';
import type { Dimension } from '../disaggregation';
import type { Formula } from '../formula';
import type { Direction, Indicator } from '../indicators';
import type { Periodicity } from '../periods';
import type { Translated } from '../text';
import type { Unit } from '../units';

/**
 * The starting catalogue: 36 indicators, nine per area, adapted from public integration
 * frameworks (Eurostat migrant integration indicators, OECD/EU "Settling In", the Global Compact
 * on Refugees indicator framework, Ager and Strang's "Indicators of Integration"). Baselines
 * and targets are illustrative national figures for the Roadmap period, not official data.
 * Counts are per period (a quarter's figure for a quarterly indicator).
 */
export const BASELINE_DATE = '2025-01-01';
export const TARGET_DATE = '2027-12-31';

const BODY = {
	sms: {
		az: 'Dövlət Miqrasiya Xidməti',
		en: 'State Migration Service',
		ru: 'Государственная миграционная служба'
	},
	labour: {
		az: 'Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi',
		en: 'Ministry of Labour and Social Protection of Population',
		ru: 'Министерство труда и социальной защиты населения'
	},
	employment: {
		az: 'Dövlət Məşğulluq Agentliyi',
		en: 'State Employment Agency',
		ru: 'Государственное агентство занятости'
	},
	education: {
		az: 'Elm və Təhsil Nazirliyi',
		en: 'Ministry of Science and Education',
		ru: 'Министерство науки и образования'
	},
	unhcr: { az: 'BMT QAK', en: 'UNHCR', ru: 'УВКБ ООН' },
	iom: { az: 'BMqT', en: 'IOM', ru: 'МОМ' },
	ngos: {
		az: 'Vətəndaş cəmiyyəti institutları',
		en: 'Civil society organisations',
		ru: 'Институты гражданского общества'
	}
} as const satisfies Record<string, Translated>;

const SOURCE = {
	sms: {
		az: 'DMX-nin inzibati qeydiyyatı',
		en: 'SMS administrative records',
		ru: 'Административный учёт ГМС'
	},
	survey: {
		az: 'Qaçqın ailələrinin illik sorğusu (DMX və BMT QAK)',
		en: 'Annual refugee household survey (SMS and UNHCR)',
		ru: 'Ежегодное обследование семей беженцев (ГМС и УВКБ ООН)'
	},
	schools: {
		az: 'Elm və Təhsil Nazirliyinin təhsilə cəlb olunma qeydiyyatı',
		en: 'Ministry of Science and Education enrolment records',
		ru: 'Данные Министерства науки и образования о зачислении'
	},
	employment: {
		az: 'Dövlət Məşğulluq Agentliyinin iş axtaranlar reyestri',
		en: 'State Employment Agency register of jobseekers',
		ru: 'Реестр ищущих работу Государственного агентства занятости'
	},
	partners: {
		az: 'Tərəfdaşların və QHT-lərin fəaliyyət hesabatları',
		en: 'Activity reports of partners and NGOs',
		ru: 'Отчёты о деятельности партнёров и НПО'
	},
	computed: {
		az: 'Digər göstəricilərdən hesablanır',
		en: 'Computed from other indicators',
		ru: 'Рассчитывается по другим показателям'
	}
} as const satisfies Record<string, Translated>;

interface Entry {
	code: string;
	unit: Unit;
	direction?: Direction;
	periodicity: Periodicity;
	split?: Dimension[];
	from: number;
	to: number;
	body: Translated;
	source: Translated;
	formula?: Formula;
	name: Translated;
	definition: Translated;
}

const AREA_OF: Record<string, AreaId> = Object.fromEntries(
	Object.entries(AREA_PREFIX).map(([area, prefix]) => [prefix, area as AreaId])
);

function indicator(e: Entry): Indicator {
	return {
		id: `ind-${e.code.toLowerCase()}`,
		code: e.code,
		area: AREA_OF[e.code.charAt(0)]!,
		name: e.name,
		definition: e.definition,
		unit: e.unit,
		direction: e.direction ?? 'increase',
		baseline: { value: e.from, date: BASELINE_DATE },
		target: { value: e.to, date: TARGET_DATE },
		periodicity: e.periodicity,
		disaggregations: e.split ?? [],
		responsibleBody: { ...e.body },
		dataSource: { ...e.source },
		formula: e.formula ?? null
	};
}

const HOUSING: Entry[] = [
	{
		code: 'H1',
		unit: 'percent',
		direction: 'decrease',
		periodicity: 'yearly',
		from: 38,
		to: 25,
		body: BODY.sms,
		source: SOURCE.survey,
		name: {
			az: 'Sıxlıq şəraitində yaşayan qaçqın ailələrinin payı',
			en: 'Overcrowding rate of refugee households',
			ru: 'Доля семей беженцев, проживающих в условиях перенаселённости'
		},
		definition: {
			az: 'Ailənin ehtiyacından az otağı olan mənzildə yaşayan qaçqın ailələrinin bütün qaçqın ailələri arasında payı (Eurostat-ın sıxlıq meyarına əsasən).',
			en: 'Share of refugee households living in a dwelling with fewer rooms than the household needs (Eurostat definition of overcrowding).',
			ru: 'Доля семей беженцев, проживающих в жилье, где комнат меньше, чем требуется семье (по критерию перенаселённости Евростата).'
		}
	},
	{
		code: 'H2',
		unit: 'count',
		periodicity: 'quarterly',
		from: 12,
		to: 30,
		body: BODY.sms,
		source: SOURCE.sms,
		name: {
			az: 'Kollektiv yaşayış yerlərindən fərdi mənzilə köçən ailələr',
			en: 'Households moved from collective to independent housing',
			ru: 'Семьи, переехавшие из мест коллективного размещения в отдельное жильё'
		},
		definition: {
			az: 'Hesabat dövründə kollektiv yaşayış yerlərindən (qəbul mərkəzləri, yataqxanalar) kirayə və ya şəxsi fərdi mənzilə köçən qaçqın ailələrinin sayı.',
			en: 'Number of refugee households that moved during the period from collective accommodation (reception centres, dormitories) into independent rented or own housing.',
			ru: 'Число семей беженцев, переехавших за отчётный период из мест коллективного размещения (центры приёма, общежития) в отдельное арендованное или собственное жильё.'
		}
	},
	{
		code: 'H3',
		unit: 'count',
		periodicity: 'monthly',
		from: 140,
		to: 320,
		body: BODY.unhcr,
		source: SOURCE.partners,
		name: {
			az: 'Kirayə yardımı alan ailələr',
			en: 'Households receiving rental support',
			ru: 'Семьи, получающие помощь в оплате аренды'
		},
		definition: {
			az: 'Ay ərzində dövlət və ya tərəfdaş proqramları hesabına kirayə subsidiyası alan, yaxud kirayə haqqı onların əvəzinə ödənilən qaçqın ailələrinin sayı.',
			en: 'Number of refugee households that received a rent subsidy during the month, or whose rent was paid on their behalf, under state or partner programmes.',
			ru: 'Число семей беженцев, которые в течение месяца получили субсидию на аренду жилья или за которых арендная плата была внесена по государственным или партнёрским программам.'
		}
	},
	{
		code: 'H4',
		unit: 'percent',
		direction: 'decrease',
		periodicity: 'quarterly',
		from: 31,
		to: 10,
		body: BODY.sms,
		source: SOURCE.sms,
		name: {
			az: 'Kollektiv yaşayış yerlərində yaşayan qaçqın ailələrinin payı',
			en: 'Share of refugee households in collective accommodation',
			ru: 'Доля семей беженцев в местах коллективного размещения'
		},
		definition: {
			az: 'Rübün sonuna kollektiv yaşayış yerlərində yaşayan qaçqın ailələrinin qeydiyyatda olan bütün qaçqın ailələri arasında payı.',
			en: 'Refugee households living in collective accommodation at the end of the quarter, as a share of all registered refugee households.',
			ru: 'Доля семей беженцев, проживающих в местах коллективного размещения на конец квартала, среди всех зарегистрированных семей беженцев.'
		}
	},
	{
		code: 'H5',
		unit: 'percent',
		direction: 'decrease',
		periodicity: 'yearly',
		from: 42,
		to: 30,
		body: BODY.labour,
		source: SOURCE.survey,
		name: {
			az: 'Mənzil xərclərinin ağır yükü altında olan ailələrin payı',
			en: 'Housing cost overburden rate',
			ru: 'Доля семей с чрезмерной нагрузкой расходов на жильё'
		},
		definition: {
			az: 'Gəlirinin 40 faizindən çoxunu mənzilə (kirayə və kommunal xərclər daxil olmaqla) sərf edən qaçqın ailələrinin payı (Eurostat-ın tərifi).',
			en: 'Share of refugee households spending more than 40% of their disposable income on housing, rent and utilities included (Eurostat definition).',
			ru: 'Доля семей беженцев, расходующих на жильё, включая аренду и коммунальные услуги, более 40 % располагаемого дохода (определение Евростата).'
		}
	},
	{
		code: 'H6',
		unit: 'currency_azn',
		periodicity: 'quarterly',
		from: 63000,
		to: 144000,
		body: BODY.labour,
		source: SOURCE.partners,
		name: {
			az: 'Qaçqın ailələrinə ödənilmiş kirayə yardımı',
			en: 'Rental support paid to refugee households',
			ru: 'Сумма помощи семьям беженцев в оплате аренды'
		},
		definition: {
			az: 'Rüb ərzində qaçqın ailələrinə ödənilmiş kirayə yardımının ümumi məbləği, manatla.',
			en: 'Total amount of rental support paid to refugee households during the quarter, in manats.',
			ru: 'Общая сумма помощи в оплате аренды, выплаченной семьям беженцев за квартал, в манатах.'
		}
	},
	{
		code: 'H7',
		unit: 'percent',
		periodicity: 'yearly',
		from: 46,
		to: 75,
		body: BODY.sms,
		source: SOURCE.survey,
		name: {
			az: 'Yazılı kirayə müqaviləsi olan ailələrin payı',
			en: 'Share of households with a written rental agreement',
			ru: 'Доля семей с письменным договором аренды'
		},
		definition: {
			az: 'Yazılı (notarial qaydada təsdiqlənmiş və ya qeydiyyata alınmış) kirayə müqaviləsi əsasında yaşayan qaçqın ailələrinin kirayədə yaşayan bütün qaçqın ailələri arasında payı.',
			en: 'Refugee households renting their home under a written (notarised or registered) rental agreement, as a share of all renting refugee households.',
			ru: 'Доля семей беженцев, арендующих жильё по письменному (нотариально заверенному или зарегистрированному) договору, среди всех семей беженцев, снимающих жильё.'
		}
	},
	{
		code: 'H8',
		unit: 'percent',
		direction: 'decrease',
		periodicity: 'yearly',
		from: 18,
		to: 8,
		body: BODY.unhcr,
		source: SOURCE.survey,
		name: {
			az: 'Əsas kommunal şəraiti olmayan mənzillərdə yaşayan ailələrin payı',
			en: 'Share of households in dwellings without basic amenities',
			ru: 'Доля семей, проживающих в жилье без базовых удобств'
		},
		definition: {
			az: 'Mənzilində su kəməri, daxili sanitar qovşaq və ya təhlükəsiz istilik sistemindən ən azı biri olmayan qaçqın ailələrinin bütün qaçqın ailələri arasında payı.',
			en: 'Refugee households whose dwelling lacks running water, an indoor toilet or safe heating, as a share of all refugee households.',
			ru: 'Доля семей беженцев, в жилье которых нет водопровода, туалета в доме или безопасного отопления, среди всех семей беженцев.'
		}
	},
	{
		code: 'H9',
		unit: 'count',
		periodicity: 'quarterly',
		from: 15,
		to: 35,
		body: BODY.iom,
		source: SOURCE.partners,
		name: {
			az: 'Birdəfəlik mənzil yardımı alan ailələr',
			en: 'Households receiving one-off housing assistance',
			ru: 'Семьи, получившие единовременную жилищную помощь'
		},
		definition: {
			az: 'Rüb ərzində mənzillə bağlı birdəfəlik yardım (təmir, mebel, məişət texnikası və ya kommunal borcların ödənilməsi) alan qaçqın ailələrinin sayı.',
			en: 'Number of refugee households that received one-off help with housing during the quarter: repairs, furniture, household appliances or payment of utility debts.',
			ru: 'Число семей беженцев, получивших за квартал единовременную помощь, связанную с жильём: ремонт, мебель, бытовая техника или погашение задолженности за коммунальные услуги.'
		}
	}
];

const EDUCATION: Entry[] = [
	{
		code: 'E1',
		unit: 'percent',
		periodicity: 'yearly',
		split: ['sex'],
		from: 82,
		to: 95,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'İbtidai təhsilə xalis cəlbolunma əmsalı',
			en: 'Net enrolment rate in primary education',
			ru: 'Чистый коэффициент охвата начальным образованием'
		},
		definition: {
			az: 'İbtidai təhsilə cəlb olunmuş 6–9 yaşlı qaçqın uşaqlarının həmin yaşda olan bütün qaçqın uşaqları arasında payı.',
			en: 'Refugee children of primary-school age (6–9) enrolled in primary education, as a share of all refugee children of that age.',
			ru: 'Доля детей беженцев младшего школьного возраста (6–9 лет), обучающихся в начальной школе, среди всех детей беженцев этого возраста.'
		}
	},
	{
		code: 'E2',
		unit: 'percent',
		periodicity: 'yearly',
		split: ['sex'],
		from: 64,
		to: 80,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'Orta təhsilə xalis cəlbolunma əmsalı',
			en: 'Net enrolment rate in secondary education',
			ru: 'Чистый коэффициент охвата средним образованием'
		},
		definition: {
			az: 'Ümumi orta və ya tam orta təhsilə cəlb olunmuş 10–16 yaşlı qaçqın uşaqlarının həmin yaşda olan bütün qaçqın uşaqları arasında payı.',
			en: 'Refugee children of secondary-school age (10–16) enrolled in general or full secondary education, as a share of all refugee children of that age.',
			ru: 'Доля детей беженцев среднего школьного возраста (10–16 лет), обучающихся на уровне общего среднего или полного среднего образования, среди всех детей беженцев этого возраста.'
		}
	},
	{
		code: 'E3',
		unit: 'percent',
		periodicity: 'yearly',
		from: 22,
		to: 40,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'Məktəbəqədər təhsilə cəlb olunmuş 3–5 yaşlı uşaqların payı',
			en: 'Children aged 3–5 in pre-school education',
			ru: 'Охват детей 3–5 лет дошкольным образованием'
		},
		definition: {
			az: 'Uşaq bağçasına və ya məktəbəqədər hazırlıq qrupuna gedən 3–5 yaşlı qaçqın uşaqlarının həmin yaşda olan bütün qaçqın uşaqları arasında payı.',
			en: 'Refugee children aged 3–5 attending a kindergarten or pre-school group, as a share of all refugee children of that age.',
			ru: 'Доля детей беженцев в возрасте 3–5 лет, посещающих детский сад или группу дошкольной подготовки, среди всех детей беженцев этого возраста.'
		}
	},
	{
		code: 'E4',
		unit: 'count',
		periodicity: 'yearly',
		split: ['sex'],
		from: 310,
		to: 420,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'Ümumtəhsil məktəblərində təhsil alan qaçqın uşaqları',
			en: 'Refugee children enrolled in general education schools',
			ru: 'Дети беженцев, обучающиеся в общеобразовательных школах'
		},
		definition: {
			az: 'Tədris ilinin əvvəlinə ümumtəhsil məktəblərində təhsil alan qaçqın və sığınacaq axtaran uşaqların sayı.',
			en: 'Number of refugee and asylum-seeking children enrolled in general education schools at the start of the school year.',
			ru: 'Число детей беженцев и лиц, ищущих убежище, обучающихся в общеобразовательных школах на начало учебного года.'
		}
	},
	{
		code: 'E5',
		unit: 'count',
		periodicity: 'quarterly',
		split: ['sex'],
		from: 30,
		to: 80,
		body: BODY.sms,
		source: SOURCE.partners,
		name: {
			az: 'Azərbaycan dili kursunu bitirmiş böyüklər',
			en: 'Adults completing an Azerbaijani-language course',
			ru: 'Взрослые, окончившие курс азербайджанского языка'
		},
		definition: {
			az: 'Rüb ərzində Azərbaycan dili kursunu yekun qiymətləndirmə ilə başa vurmuş 18 yaşdan yuxarı qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers aged 18 and over who completed an Azerbaijani-language course with a final assessment during the quarter.',
			ru: 'Число беженцев и лиц, ищущих убежище, в возрасте 18 лет и старше, окончивших за квартал курс азербайджанского языка с итоговой аттестацией.'
		}
	},
	{
		code: 'E6',
		unit: 'count',
		periodicity: 'quarterly',
		split: ['sex'],
		from: 70,
		to: 150,
		body: BODY.sms,
		source: SOURCE.partners,
		name: {
			az: 'Azərbaycan dili kurslarına cəlb olunmuş böyüklər',
			en: 'Adults enrolled in Azerbaijani-language courses',
			ru: 'Взрослые, посещающие курсы азербайджанского языка'
		},
		definition: {
			az: 'Rüb ərzində Azərbaycan dili kurslarında iştirak etmiş 18 yaşdan yuxarı qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers aged 18 and over who attended an Azerbaijani-language course during the quarter.',
			ru: 'Число беженцев и лиц, ищущих убежище, в возрасте 18 лет и старше, посещавших курсы азербайджанского языка в течение квартала.'
		}
	},
	{
		code: 'E7',
		unit: 'percent',
		periodicity: 'quarterly',
		from: 43,
		to: 53,
		body: BODY.sms,
		source: SOURCE.computed,
		formula: { numerator: '#{E5}', denominator: '#{E6}', factor: 100 },
		name: {
			az: 'Azərbaycan dili kurslarını bitirənlərin payı',
			en: 'Azerbaijani-language course completion rate',
			ru: 'Доля окончивших курсы азербайджанского языка'
		},
		definition: {
			az: 'Kursu bitirmiş böyüklərin eyni rübdə kurslara cəlb olunmuş böyüklər arasında payı.',
			en: 'Adults completing a course as a share of adults enrolled in courses in the same quarter.',
			ru: 'Доля взрослых, окончивших курс, среди взрослых, посещавших курсы в том же квартале.'
		}
	},
	{
		code: 'E8',
		unit: 'percent',
		periodicity: 'yearly',
		from: 40,
		to: 70,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'Diplomların tanınması üzrə təmin edilmiş müraciətlərin payı',
			en: 'Diploma recognition applications approved',
			ru: 'Доля удовлетворённых заявлений о признании дипломов'
		},
		definition: {
			az: 'İl ərzində qaçqınların xarici təhsil sənədlərinin tanınması ilə bağlı baxılmış müraciətlərindən müsbət həll olunanların payı.',
			en: 'Share of refugees’ applications for recognition of foreign education documents approved during the year, out of all applications decided.',
			ru: 'Доля заявлений беженцев о признании иностранных документов об образовании, удовлетворённых за год, среди всех рассмотренных заявлений.'
		}
	},
	{
		code: 'E9',
		unit: 'count',
		periodicity: 'yearly',
		split: ['sex'],
		from: 45,
		to: 90,
		body: BODY.education,
		source: SOURCE.schools,
		name: {
			az: 'Peşə və ali təhsil müəssisələrində təhsil alan qaçqınlar',
			en: 'Refugees in vocational and higher education',
			ru: 'Беженцы, обучающиеся в профессиональных и высших учебных заведениях'
		},
		definition: {
			az: 'Tədris ilinin əvvəlinə peşə məktəblərində, kolleclərdə və ya universitetlərdə təhsil alan qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers studying at vocational schools, colleges or universities at the start of the academic year.',
			ru: 'Число беженцев и лиц, ищущих убежище, обучающихся в профессиональных школах, колледжах или университетах на начало учебного года.'
		}
	}
];

const LABOUR: Entry[] = [
	{
		code: 'L1',
		unit: 'count',
		periodicity: 'monthly',
		split: ['sex', 'age'],
		from: 180,
		to: 300,
		body: BODY.employment,
		source: SOURCE.employment,
		name: {
			az: 'Məşğulluq mərkəzlərində qeydiyyatda olan qaçqınlar',
			en: 'Refugees registered with employment centres',
			ru: 'Беженцы, зарегистрированные в центрах занятости'
		},
		definition: {
			az: 'Ayın sonuna Dövlət Məşğulluq Agentliyinin məşğulluq mərkəzlərində iş axtaran kimi qeydiyyatda olan qaçqınların və sığınacaq axtaran şəxslərin sayı. Artım müsbət qiymətləndirilir: qeydiyyat vakansiyalara və işsizlik üzrə dəstəyə çıxış imkanı verir.',
			en: 'Number of refugees and asylum seekers registered as jobseekers with the employment centres of the State Employment Agency at the end of the month. Higher is better: registration opens access to vacancies and unemployment support.',
			ru: 'Число беженцев и лиц, ищущих убежище, зарегистрированных в качестве ищущих работу в центрах занятости Государственного агентства занятости на конец месяца. Рост оценивается положительно: регистрация открывает доступ к вакансиям и поддержке по безработице.'
		}
	},
	{
		code: 'L2',
		unit: 'count',
		periodicity: 'monthly',
		split: ['sex'],
		from: 14,
		to: 60,
		body: BODY.employment,
		source: SOURCE.employment,
		name: {
			az: 'İşlə təmin olunmuş qeydiyyatdakı iş axtaranlar',
			en: 'Registered jobseekers placed in jobs',
			ru: 'Трудоустроенные зарегистрированные соискатели'
		},
		definition: {
			az: 'Ay ərzində məşğulluq mərkəzlərinin köməyi ilə işə düzəlmiş, qeydiyyatda olan qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers registered with employment centres who started a job during the month with the centres’ help.',
			ru: 'Число зарегистрированных в центрах занятости беженцев и лиц, ищущих убежище, которые в течение месяца устроились на работу при содействии центров.'
		}
	},
	{
		code: 'L3',
		unit: 'percent',
		periodicity: 'monthly',
		from: 8,
		to: 20,
		body: BODY.employment,
		source: SOURCE.computed,
		formula: { numerator: '#{L2}', denominator: '#{L1}', factor: 100 },
		name: {
			az: 'Qeydiyyatdakı iş axtaranların işə düzəlmə əmsalı',
			en: 'Job placement rate of registered jobseekers',
			ru: 'Коэффициент трудоустройства зарегистрированных соискателей'
		},
		definition: {
			az: 'Ay ərzində işlə təmin olunmuş qaçqınların məşğulluq mərkəzlərində qeydiyyatda olan qaçqınlar arasında payı.',
			en: 'Refugees placed in jobs during the month as a share of refugees registered with employment centres.',
			ru: 'Доля беженцев, трудоустроенных за месяц, среди беженцев, зарегистрированных в центрах занятости.'
		}
	},
	{
		code: 'L4',
		unit: 'percent',
		periodicity: 'yearly',
		split: ['sex'],
		from: 34,
		to: 45,
		body: BODY.labour,
		source: SOURCE.survey,
		name: {
			az: '20–64 yaşlı qaçqınların məşğulluq səviyyəsi',
			en: 'Employment rate of refugees aged 20–64',
			ru: 'Уровень занятости беженцев в возрасте 20–64 лет'
		},
		definition: {
			az: 'Məşğul olan 20–64 yaşlı qaçqınların həmin yaşda olan bütün qaçqınlar arasında payı (BƏT-in məşğulluq tərifi; Eurostat-ın əsas inteqrasiya göstəricisi).',
			en: 'Employed refugees aged 20–64 as a share of all refugees of that age (ILO definition of employment; Eurostat core integration indicator).',
			ru: 'Доля занятых беженцев в возрасте 20–64 лет среди всех беженцев этого возраста (определение занятости МОТ; основной показатель интеграции Евростата).'
		}
	},
	{
		code: 'L5',
		unit: 'percent',
		periodicity: 'yearly',
		from: 55,
		to: 85,
		body: BODY.sms,
		source: SOURCE.sms,
		name: {
			az: 'Qanuni işləmək hüququ olan əmək qabiliyyətli yaşda qaçqınların payı',
			en: 'Share of working-age refugees legally permitted to work',
			ru: 'Доля беженцев трудоспособного возраста, имеющих право на работу'
		},
		definition: {
			az: 'İşləmək hüququ verən sənədi olan 18–64 yaşlı qaçqınların və sığınacaq axtaran şəxslərin həmin yaşda olan bütün qaçqınlar və sığınacaq axtaran şəxslər arasında payı (Qaçqınlar haqqında Qlobal Sazişin 2.1.1 göstəricisi).',
			en: 'Refugees and asylum seekers aged 18–64 holding a document that gives them the right to work, as a share of all refugees and asylum seekers of that age (Global Compact on Refugees indicator 2.1.1).',
			ru: 'Доля беженцев и лиц, ищущих убежище, в возрасте 18–64 лет, имеющих документ, дающий право на работу, среди всех беженцев и лиц, ищущих убежище, этого возраста (показатель 2.1.1 Глобального договора о беженцах).'
		}
	},
	{
		code: 'L6',
		unit: 'count',
		periodicity: 'quarterly',
		split: ['sex', 'age'],
		from: 25,
		to: 60,
		body: BODY.labour,
		source: SOURCE.employment,
		name: {
			az: 'Peşə hazırlığı kursunu bitirmiş qaçqınlar',
			en: 'Refugees completing vocational training',
			ru: 'Беженцы, завершившие профессиональное обучение'
		},
		definition: {
			az: 'Rüb ərzində peşə hazırlığı və ya yenidən hazırlanma kursunu bitirmiş qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers who completed a vocational training or retraining course during the quarter.',
			ru: 'Число беженцев и лиц, ищущих убежище, завершивших за квартал курс профессиональной подготовки или переподготовки.'
		}
	},
	{
		code: 'L7',
		unit: 'count',
		periodicity: 'quarterly',
		from: 4,
		to: 12,
		body: BODY.iom,
		source: SOURCE.partners,
		name: {
			az: 'Dəstək alaraq öz işini quran qaçqınlar',
			en: 'Refugees starting a business with support',
			ru: 'Беженцы, открывшие своё дело при поддержке'
		},
		definition: {
			az: 'Rüb ərzində qrant, aktivlər və ya mentor dəstəyi ilə (özünüməşğulluq proqramı, tərəfdaş layihələri) sahibkarlıq fəaliyyətini qeydiyyata aldıran və ya özünüməşğulluğa başlayan qaçqınların sayı.',
			en: 'Number of refugees who registered a business or became self-employed during the quarter with a grant, in-kind assets or mentoring (the self-employment programme, partner projects).',
			ru: 'Число беженцев, которые за квартал зарегистрировали предпринимательскую деятельность или начали самозанятость при поддержке грантом, активами или наставничеством (программа самозанятости, партнёрские проекты).'
		}
	},
	{
		code: 'L8',
		unit: 'percent',
		periodicity: 'yearly',
		from: 38,
		to: 60,
		body: BODY.labour,
		source: SOURCE.survey,
		name: {
			az: 'Yazılı əmək müqaviləsi ilə işləyən qaçqınların payı',
			en: 'Employed refugees with a written employment contract',
			ru: 'Доля работающих беженцев с письменным трудовым договором'
		},
		definition: {
			az: 'Elektron sistemdə qeydiyyata alınmış yazılı əmək müqaviləsi ilə işləyən qaçqınların bütün məşğul qaçqınlar arasında payı.',
			en: 'Employed refugees working under a written employment contract registered in the electronic system, as a share of all employed refugees.',
			ru: 'Доля беженцев, работающих по письменному трудовому договору, зарегистрированному в электронной системе, среди всех работающих беженцев.'
		}
	},
	{
		code: 'L9',
		unit: 'count',
		periodicity: 'quarterly',
		split: ['sex'],
		from: 60,
		to: 140,
		body: BODY.employment,
		source: SOURCE.employment,
		name: {
			az: 'İş axtarışı üzrə məsləhət almış qaçqınlar',
			en: 'Refugees receiving job-search counselling',
			ru: 'Беженцы, получившие консультации по поиску работы'
		},
		definition: {
			az: 'Rüb ərzində fərdi karyera və ya iş axtarışı üzrə məsləhət almış qaçqınların və sığınacaq axtaran şəxslərin sayı.',
			en: 'Number of refugees and asylum seekers who received individual career or job-search counselling during the quarter.',
			ru: 'Число беженцев и лиц, ищущих убежище, получивших за квартал индивидуальную консультацию по вопросам карьеры или поиска работы.'
		}
	}
];

const DIALOGUE: Entry[] = [
	{
		code: 'D1',
		unit: 'count',
		periodicity: 'quarterly',
		from: 6,
		to: 15,
		body: BODY.ngos,
		source: SOURCE.partners,
		name: {
			az: 'Keçirilmiş mədəniyyətlərarası tədbirlər',
			en: 'Intercultural events held',
			ru: 'Проведённые межкультурные мероприятия'
		},
		definition: {
			az: 'Rüb ərzində qaçqınları və yerli sakinləri bir araya gətirən tədbirlərin (mədəniyyət axşamları, idman yarışları, birgə bayram şənlikləri) sayı.',
			en: 'Number of events bringing refugees and local residents together (cultural evenings, sports, joint celebrations) held during the quarter.',
			ru: 'Число мероприятий, объединяющих беженцев и местных жителей (культурные вечера, спортивные соревнования, совместные праздники), проведённых за квартал.'
		}
	},
	{
		code: 'D2',
		unit: 'count',
		periodicity: 'quarterly',
		split: ['sex', 'age'],
		from: 240,
		to: 600,
		body: BODY.ngos,
		source: SOURCE.partners,
		name: {
			az: 'Mədəniyyətlərarası tədbirlərin iştirakçıları',
			en: 'Participants in intercultural events',
			ru: 'Участники межкультурных мероприятий'
		},
		definition: {
			az: 'Rüb ərzində keçirilmiş mədəniyyətlərarası tədbirlərdə iştirak edən qaçqınların və yerli sakinlərin sayı.',
			en: 'Number of participants, refugees and local residents alike, in intercultural events held during the quarter.',
			ru: 'Число участников межкультурных мероприятий, проведённых за квартал, — как беженцев, так и местных жителей.'
		}
	},
	{
		code: 'D3',
		unit: 'count',
		periodicity: 'yearly',
		from: 3,
		to: 12,
		body: BODY.ngos,
		source: SOURCE.partners,
		name: {
			az: 'Qaçqınların və yerli sakinlərin birgə icma təşəbbüsləri',
			en: 'Joint community initiatives of refugees and local residents',
			ru: 'Совместные инициативы беженцев и местных жителей'
		},
		definition: {
			az: 'İl ərzində qaçqınların və yerli sakinlərin birlikdə planlaşdırıb həyata keçirdikləri icma təşəbbüslərinin (könüllülük, məhəllənin abadlaşdırılması, birgə layihələr) sayı.',
			en: 'Number of community initiatives (volunteering, neighbourhood improvement, joint projects) planned and carried out together by refugees and local residents during the year.',
			ru: 'Число инициатив местных сообществ (волонтёрство, благоустройство района, совместные проекты), которые беженцы и местные жители спланировали и осуществили вместе в течение года.'
		}
	},
	{
		code: 'D4',
		unit: 'percent',
		direction: 'decrease',
		periodicity: 'yearly',
		split: ['sex'],
		from: 27,
		to: 15,
		body: BODY.unhcr,
		source: SOURCE.survey,
		name: {
			az: 'Ayrı-seçkiliyə məruz qaldığını bildirən qaçqınların payı',
			en: 'Refugees reporting discrimination',
			ru: 'Доля беженцев, сообщающих о дискриминации'
		},
		definition: {
			az: 'Son 12 ayda ayrı-seçkiliyə məruz qaldığını bildirən 16 yaşdan yuxarı qaçqınların payı (illik sorğu). Azalma müsbət qiymətləndirilir.',
			en: 'Share of refugees aged 16 and over who say they were discriminated against in the past 12 months (annual survey). Lower is better.',
			ru: 'Доля беженцев в возрасте 16 лет и старше, сообщивших, что за последние 12 месяцев подвергались дискриминации (ежегодный опрос). Снижение оценивается положительно.'
		}
	},
	{
		code: 'D5',
		unit: 'percent',
		periodicity: 'yearly',
		from: 41,
		to: 60,
		body: BODY.unhcr,
		source: SOURCE.survey,
		name: {
			az: 'Yerli sakinlərlə müntəzəm ünsiyyətdə olan qaçqınların payı',
			en: 'Refugees in regular contact with local residents',
			ru: 'Доля беженцев, регулярно общающихся с местными жителями'
		},
		definition: {
			az: 'İşdən kənarda yerli sakinlərlə həftədə ən azı bir dəfə görüşən qaçqınların payı (illik sorğu; Ager və Strangın inteqrasiya göstəricilərindəki «sosial körpülər»).',
			en: 'Share of refugees who meet local residents outside work at least once a week (annual survey; the “social bridges” of Ager and Strang’s Indicators of Integration).',
			ru: 'Доля беженцев, встречающихся с местными жителями вне работы не реже одного раза в неделю (ежегодный опрос; «социальные мосты» в индикаторах интеграции Эйджера и Стрэнга).'
		}
	},
	{
		code: 'D6',
		unit: 'count',
		periodicity: 'quarterly',
		from: 35,
		to: 90,
		body: BODY.sms,
		source: SOURCE.partners,
		name: {
			az: 'Qaçqın hüquqları üzrə təlim keçmiş dövlət qulluqçuları',
			en: 'Public officials trained on refugee rights',
			ru: 'Государственные служащие, прошедшие обучение по правам беженцев'
		},
		definition: {
			az: 'Rüb ərzində qaçqınların hüquqları və mədəniyyətlərarası ünsiyyət mövzusunda təlim keçmiş dövlət orqanları və yerli icra hakimiyyətləri əməkdaşlarının sayı.',
			en: 'Number of staff of state bodies and local executive authorities trained during the quarter on refugee rights and intercultural communication.',
			ru: 'Число сотрудников государственных органов и местных органов исполнительной власти, прошедших за квартал обучение по правам беженцев и межкультурной коммуникации.'
		}
	},
	{
		code: 'D7',
		unit: 'count',
		periodicity: 'quarterly',
		from: 10,
		to: 25,
		body: BODY.sms,
		source: SOURCE.partners,
		name: {
			az: 'Qaçqınların inteqrasiyası mövzusunda media materialları',
			en: 'Media items on refugee integration',
			ru: 'Материалы СМИ об интеграции беженцев'
		},
		definition: {
			az: 'Rüb ərzində hazırlanmış və ya dəstəklənmiş, qaçqınların inteqrasiyasına həsr olunmuş televiziya və radio verilişlərinin, məqalələrin və onlayn nəşrlərin sayı.',
			en: 'Number of TV and radio programmes, articles and online publications on refugee integration produced or supported during the quarter.',
			ru: 'Число теле- и радиопрограмм, статей и онлайн-публикаций об интеграции беженцев, подготовленных или поддержанных за квартал.'
		}
	},
	{
		code: 'D8',
		unit: 'percent',
		periodicity: 'yearly',
		from: 35,
		to: 70,
		body: BODY.unhcr,
		source: SOURCE.survey,
		name: {
			az: 'Hüquqları pozulduqda hara müraciət edəcəyini bilən qaçqınların payı',
			en: 'Refugees who know where to turn if their rights are violated',
			ru: 'Доля беженцев, знающих, куда обратиться при нарушении их прав'
		},
		definition: {
			az: 'Hüquqları pozulduqda müraciət edə biləcəyi ən azı bir qurumu (Ombudsman, DMX, QHT) adlandıra bilən qaçqınların payı (illik sorğu).',
			en: 'Share of refugees who can name at least one body (the Ombudsman, the SMS, an NGO) to turn to if their rights are violated (annual survey).',
			ru: 'Доля беженцев, которые могут назвать хотя бы одну организацию (Омбудсман, ГМС, НПО), куда можно обратиться при нарушении их прав (ежегодный опрос).'
		}
	},
	{
		code: 'D9',
		unit: 'rate',
		periodicity: 'quarterly',
		from: 40,
		to: 40,
		body: BODY.ngos,
		source: SOURCE.computed,
		formula: { numerator: '#{D2}', denominator: '#{D1}', factor: 1 },
		name: {
			az: 'Bir mədəniyyətlərarası tədbirə düşən orta iştirakçı sayı',
			en: 'Average participants per intercultural event',
			ru: 'Среднее число участников одного межкультурного мероприятия'
		},
		definition: {
			az: 'Rüb ərzində mədəniyyətlərarası tədbirlərin iştirakçılarının sayının keçirilmiş tədbirlərin sayına nisbəti. Hədəf bu səviyyəni tədbirlərin sayı artdıqca qorumaqdır.',
			en: 'Participants in intercultural events divided by the number of events held in the quarter. The target is to keep this level while the number of events grows.',
			ru: 'Отношение числа участников межкультурных мероприятий к числу мероприятий, проведённых за квартал. Цель — сохранить этот уровень при росте числа мероприятий.'
		}
	}
];

export const SEED_INDICATORS: readonly Indicator[] = [
	...HOUSING,
	...EDUCATION,
	...LABOUR,
	...DIALOGUE
].map(indicator);
