import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	Tooltip
} from 'chart.js';

/** Only the pieces the dashboards draw, so the lazy chunk stays small. */
Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	Legend,
	LineController,
	LineElement,
	LinearScale,
	PointElement,
	Tooltip
);
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = '#14212b';
Chart.defaults.animation = false;

export { Chart };
