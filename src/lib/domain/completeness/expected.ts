import { gridCellKeys } from '../disaggregation';
import type { Indicator } from '../indicators';
import {
	PERIOD_TYPE_OF,
	parsePeriod,
	periodContaining,
	periodEnd,
	periodStart,
	periodsInRange,
	type Periodicity
} from '../periods';

/**
 * What a reporting period asks of an indicator: the periods of its own periodicity that END
 * within it. A quarter asks for its three months and itself; a year for twelve months, four
 * quarters and itself; a yearly indicator is due in the quarter (and the month) its year ends,
 * not before, so a third quarter is never shown as missing a figure that cannot exist yet.
 */
export function duePeriods(periodicity: Periodicity, period: string): string[] {
	if (!parsePeriod(period)) throw new RangeError(`Not a period id: "${period}"`);
	const type = PERIOD_TYPE_OF[periodicity];
	const first = periodContaining(periodStart(period), type);
	const last = periodContaining(periodEnd(period), type);
	return periodsInRange(first, last).filter((p) => periodEnd(p) <= periodEnd(period));
}

type Expectable = Pick<Indicator, 'periodicity' | 'formula' | 'disaggregations'>;

/** Computed indicators are worked out from others, never entered: nobody owes a value of them. */
export function isExpected(indicator: Expectable): boolean {
	return indicator.formula === null;
}

/** The cells one place must fill for a value to count as entered: the whole grid. */
export function expectedCells(indicator: Expectable): string[] {
	return gridCellKeys(indicator.disaggregations);
}
