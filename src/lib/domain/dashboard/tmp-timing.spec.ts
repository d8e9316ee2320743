import { it } from 'vitest';
import { generateDemoValues } from '../seed/demo-values';
import { SEED_INDICATORS } from '../seed/catalogue';
import { assessProgress, observationsOf } from '../progress';
import { buildCube, series } from './rollup';

it('times', () => {
	const values = generateDemoValues();
	let t0 = performance.now();
	const cube = buildCube(values);
	console.log('cube', performance.now() - t0, values.length);
	t0 = performance.now();
	for (const ind of SEED_INDICATORS) {
		const pts = series(ind, SEED_INDICATORS, cube, null);
		assessProgress(ind, observationsOf(pts));
	}
	console.log('series all', performance.now() - t0);
});
