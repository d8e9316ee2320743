import type { Location } from '../locations';

/**
 * Azerbaijan, a selection of the economic regions of the 2021 division (decree of 7 July 2021),
 * and the cities and districts in them where refugees and asylum seekers live or are received.
 * Cities subordinate to the republic are named without "city"; districts with it.
 */
const country: Location = {
	id: 'az',
	parentId: null,
	level: 'country',
	name: { az: 'Azərbaycan', en: 'Azerbaijan', ru: 'Азербайджан' }
};

const region = (id: string, az: string, en: string, ru: string): Location => ({
	id: `reg-${id}`,
	parentId: 'az',
	level: 'region',
	name: {
		az: `${az} iqtisadi rayonu`,
		en: `${en} economic region`,
		ru: `${ru} экономический район`
	}
});

const district = (regionId: string, id: string, az: string, en: string, ru: string): Location => ({
	id: `dist-${id}`,
	parentId: `reg-${regionId}`,
	level: 'district',
	name: { az, en, ru }
});

export const SEED_LOCATIONS: readonly Location[] = [
	country,
	region('baku', 'Bakı', 'Baku', 'Бакинский'),
	region('absheron-khizi', 'Abşeron-Xızı', 'Absheron-Khizi', 'Абшерон-Хызынский'),
	region('ganja-dashkasan', 'Gəncə-Daşkəsən', 'Ganja-Dashkasan', 'Гянджа-Дашкесанский'),
	region('central-aran', 'Mərkəzi Aran', 'Central Aran', 'Центрально-Аранский'),
	region('lankaran-astara', 'Lənkəran-Astara', 'Lankaran-Astara', 'Ленкорань-Астаринский'),
	region('shaki-zagatala', 'Şəki-Zaqatala', 'Shaki-Zagatala', 'Шеки-Загатальский'),
	region('guba-khachmaz', 'Quba-Xaçmaz', 'Guba-Khachmaz', 'Губа-Хачмазский'),
	region('shirvan-salyan', 'Şirvan-Salyan', 'Shirvan-Salyan', 'Ширван-Сальянский'),

	district('baku', 'yasamal', 'Yasamal rayonu', 'Yasamal district', 'Ясамальский район'),
	district('baku', 'nasimi', 'Nəsimi rayonu', 'Nasimi district', 'Насиминский район'),
	district('baku', 'binagadi', 'Binəqədi rayonu', 'Binagadi district', 'Бинагадинский район'),
	district('baku', 'khatai', 'Xətai rayonu', 'Khatai district', 'Хатаинский район'),
	district('baku', 'sabunchu', 'Sabunçu rayonu', 'Sabunchu district', 'Сабунчинский район'),
	district('absheron-khizi', 'sumgayit', 'Sumqayıt', 'Sumgayit', 'Сумгайыт'),
	district(
		'absheron-khizi',
		'absheron',
		'Abşeron rayonu',
		'Absheron district',
		'Абшеронский район'
	),
	district('ganja-dashkasan', 'ganja', 'Gəncə', 'Ganja', 'Гянджа'),
	district('central-aran', 'yevlakh', 'Yevlax', 'Yevlakh', 'Евлах'),
	district('central-aran', 'mingachevir', 'Mingəçevir', 'Mingachevir', 'Мингечевир'),
	district('lankaran-astara', 'lankaran', 'Lənkəran', 'Lankaran', 'Ленкорань'),
	district(
		'lankaran-astara',
		'masalli',
		'Masallı rayonu',
		'Masalli district',
		'Масаллинский район'
	),
	district('shaki-zagatala', 'shaki', 'Şəki', 'Shaki', 'Шеки'),
	district(
		'shaki-zagatala',
		'zagatala',
		'Zaqatala rayonu',
		'Zagatala district',
		'Загатальский район'
	),
	district('guba-khachmaz', 'guba', 'Quba rayonu', 'Guba district', 'Губинский район'),
	district('shirvan-salyan', 'shirvan', 'Şirvan', 'Shirvan', 'Ширван')
];
