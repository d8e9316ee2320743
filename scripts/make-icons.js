// Draws Yol's icons (a road forking into a "Y", white on the brand teal) from one geometry, as
// static/icons/favicon.svg and the PNGs the manifest and iOS need. The outputs are committed, so
// builds never run this; run it again only when the mark changes:
//   npx node scripts/make-icons.js
// Only node:zlib and node:fs: the PNGs are rasterised here (4×4 supersampling for smooth edges),
// so the script needs no browser and no image library.
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const OUT = new URL('../static/icons/', import.meta.url);
const TEAL = [0x0b, 0x55, 0x63];
const WHITE = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 4;

/** @typedef {[number, number]} Point */
/** @typedef {{ kind: 'polygon', points: Point[] } | { kind: 'circle', c: Point, r: number }} Shape */

/**
 * A quadrilateral along a->b, `wa` wide on each side of the axis at a and `wb` at b: a stretch
 * of road in perspective.
 * @param {Point} a
 * @param {Point} b
 * @param {number} wa
 * @param {number} wb
 * @returns {Shape}
 */
function taperedBand(a, b, wa, wb) {
	const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
	const length = Math.hypot(dx, dy);
	const [nx, ny] = [-dy / length, dx / length];
	return {
		kind: 'polygon',
		points: [
			[a[0] + nx * wa, a[1] + ny * wa],
			[b[0] + nx * wb, b[1] + ny * wb],
			[b[0] - nx * wb, b[1] - ny * wb],
			[a[0] - nx * wa, a[1] - ny * wa]
		]
	};
}

/** Coordinates in a unit square, y down. The fork sits a little low, like a road seen ahead. */
const JUNCTION = /** @type {Point} */ ([0.5, 0.52]);
const LEFT_END = /** @type {Point} */ ([0.25, 0.18]);
const RIGHT_END = /** @type {Point} */ ([0.75, 0.18]);

/** @type {Shape[]} */
const ROAD = [
	taperedBand([0.5, 0.84], JUNCTION, 0.115, 0.06),
	taperedBand(JUNCTION, LEFT_END, 0.06, 0.035),
	taperedBand(JUNCTION, RIGHT_END, 0.06, 0.035),
	{ kind: 'circle', c: JUNCTION, r: 0.06 },
	{ kind: 'circle', c: LEFT_END, r: 0.035 },
	{ kind: 'circle', c: RIGHT_END, r: 0.035 }
];

/** The centre line of the road ahead, dashes shrinking with distance. */
/** @type {Shape[]} */
const DASHES = [
	taperedBand([0.5, 0.815], [0.5, 0.76], 0.013, 0.011),
	taperedBand([0.5, 0.71], [0.5, 0.665], 0.01, 0.009),
	taperedBand([0.5, 0.625], [0.5, 0.59], 0.008, 0.007)
];

/**
 * Scales shapes about the centre: maskable icons keep the mark inside the central safe circle.
 * @param {Shape[]} shapes
 * @param {number} factor
 * @returns {Shape[]}
 */
function scaled(shapes, factor) {
	/** @type {(p: Point) => Point} */
	const at = ([x, y]) => [0.5 + (x - 0.5) * factor, 0.5 + (y - 0.5) * factor];
	return shapes.map((shape) =>
		shape.kind === 'circle'
			? { kind: 'circle', c: at(shape.c), r: shape.r * factor }
			: { kind: 'polygon', points: shape.points.map(at) }
	);
}

/**
 * @param {Shape} shape
 * @param {number} x
 * @param {number} y
 */
function inside(shape, x, y) {
	if (shape.kind === 'circle') return (x - shape.c[0]) ** 2 + (y - shape.c[1]) ** 2 <= shape.r ** 2;
	// Convex polygon: the point lies on the same side of every edge.
	let sign = 0;
	const { points } = shape;
	for (let i = 0; i < points.length; i++) {
		const [ax, ay] = points[i];
		const [bx, by] = points[(i + 1) % points.length];
		const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
		if (cross !== 0) {
			if (sign === 0) sign = Math.sign(cross);
			else if (Math.sign(cross) !== sign) return false;
		}
	}
	return true;
}

/**
 * @param {number} x
 * @param {number} y
 * @param {number} radius
 */
function inTile(x, y, radius) {
	const dx = Math.max(radius - x, 0, x - (1 - radius));
	const dy = Math.max(radius - y, 0, y - (1 - radius));
	return dx * dx + dy * dy <= radius * radius;
}

/**
 * @param {{ size: number, markScale: number, cornerRadius: number }} icon
 *   cornerRadius 0 fills the square edge to edge (maskable and Apple icons, which the platform
 *   crops itself); above 0 the corners stay transparent.
 */
function rasterise({ size, markScale, cornerRadius }) {
	const road = scaled(ROAD, markScale);
	const dashes = scaled(DASHES, markScale);
	const rgba = Buffer.alloc(size * size * 4);
	const step = 1 / SUPERSAMPLE;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let [r, g, b, a] = [0, 0, 0, 0];
			for (let sy = 0; sy < SUPERSAMPLE; sy++) {
				for (let sx = 0; sx < SUPERSAMPLE; sx++) {
					const x = (px + (sx + 0.5) * step) / size;
					const y = (py + (sy + 0.5) * step) / size;
					if (!inTile(x, y, cornerRadius)) continue;
					const onRoad = road.some((s) => inside(s, x, y)) && !dashes.some((s) => inside(s, x, y));
					const [cr, cg, cb] = onRoad ? WHITE : TEAL;
					r += cr;
					g += cg;
					b += cb;
					a += 1;
				}
			}
			const o = (py * size + px) * 4;
			// Colours were summed only over covered samples, so dividing by their count
			// un-premultiplies; alpha is the covered share.
			rgba[o] = a ? Math.round(r / a) : 0;
			rgba[o + 1] = a ? Math.round(g / a) : 0;
			rgba[o + 2] = a ? Math.round(b / a) : 0;
			rgba[o + 3] = Math.round((255 * a) / SUPERSAMPLE ** 2);
		}
	}
	return encodePng(size, rgba);
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/**
 * @param {number} size
 * @param {Buffer} rgba
 */
function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bits per channel
	header[9] = 6; // RGBA
	// Every scanline starts with filter type 0 (none); deflate does the compressing.
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** One element per shape: overlapping subpaths of one path could cancel out under nonzero fill. */
/**
 * @param {Shape[]} shapes
 * @param {number} unit
 */
function svgShapes(shapes, unit) {
	const n = (/** @type {number} */ v) => +(v * unit).toFixed(2);
	return shapes
		.map((shape) =>
			shape.kind === 'polygon'
				? `<polygon points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`
				: `<circle cx="${n(shape.c[0])}" cy="${n(shape.c[1])}" r="${n(shape.r)}"/>`
		)
		.join('');
}

function favicon() {
	const unit = 64;
	const hex = (/** @type {number[]} */ rgb) =>
		`#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${unit} ${unit}">
	<rect width="${unit}" height="${unit}" rx="${0.2 * unit}" fill="${hex(TEAL)}"/>
	<g fill="${hex(WHITE)}">${svgShapes(ROAD, unit)}</g>
	<g fill="${hex(TEAL)}">${svgShapes(DASHES, unit)}</g>
</svg>
`;
}

const PNGS = [
	// "any": shown as drawn, so the tile keeps its rounded corners.
	{ file: 'icon-192.png', size: 192, markScale: 1, cornerRadius: 0.2 },
	{ file: 'icon-512.png', size: 512, markScale: 1, cornerRadius: 0.2 },
	// Maskable: full bleed, mark within the central circle of 40% radius that every mask keeps.
	{ file: 'icon-maskable-512.png', size: 512, markScale: 0.82, cornerRadius: 0 },
	// iOS rounds the corners itself and shows transparency as black.
	{ file: 'apple-touch-icon.png', size: 180, markScale: 0.9, cornerRadius: 0 }
];

mkdirSync(OUT, { recursive: true });
writeFileSync(new URL('favicon.svg', OUT), favicon());
for (const icon of PNGS) writeFileSync(new URL(icon.file, OUT), rasterise(icon));
console.log(`Wrote favicon.svg and ${PNGS.map((icon) => icon.file).join(', ')} to static/icons/`);
