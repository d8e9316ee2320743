import type { Report } from '$lib/domain/report';
import { formatDate } from '$lib/i18n/format';
import { t } from '$lib/i18n';
import { deadlineWords, figureWords, reportTitle, withMarker } from './report-words';

/**
 * The report as a Word document, built in the browser (the ministry edits its reports in Word).
 * `docx` is imported here, on demand, so it stays out of the app shell until someone downloads.
 * Same layout as the page: A4, one table per chapter, its header row repeated on every page.
 */
export async function reportDocx(report: Report): Promise<Blob> {
	const {
		AlignmentType,
		Document,
		HeadingLevel,
		Packer,
		Paragraph,
		Table,
		TableCell,
		TableRow,
		TextRun,
		WidthType
	} = await import('docx');
	const lang = report.lang;
	const cell = (text: string, bold = false, columnSpan?: number) =>
		new TableCell({
			columnSpan,
			children: text
				.split('\n')
				.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }))
		});
	const widths = [8, 52, 15, 25];
	const header = () =>
		new TableRow({
			tableHeader: true,
			cantSplit: true,
			children: [
				t('report:col.number'),
				t('report:col.name'),
				t('report:col.deadline'),
				t('report:col.bodies')
			].map((text) => cell(text, true))
		});

	const blocks: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
		new Paragraph({
			heading: HeadingLevel.TITLE,
			alignment: AlignmentType.CENTER,
			children: [new TextRun(reportTitle(report, lang))]
		})
	];
	for (const chapter of report.chapters) {
		blocks.push(
			new Paragraph({
				heading: HeadingLevel.HEADING_1,
				keepNext: true,
				children: [
					new TextRun(
						`${t('measures:chapter', { number: chapter.chapter })}${chapter.title ? `. ${withMarker(chapter.title)}` : ''}`
					)
				]
			})
		);
		const rows = [header()];
		for (const row of chapter.rows) {
			rows.push(
				new TableRow({
					cantSplit: true,
					children: [
						cell(row.number, true),
						cell(withMarker(row.title)),
						cell(deadlineWords(row.deadline, lang)),
						cell(row.bodies.map(withMarker).join('\n'))
					]
				})
			);
			const work = row.notes.length
				? row.notes.map(
						(n) =>
							`${formatDate(n.date, lang)} — ${withMarker(n.text)} (${n.author}${n.organisation ? `, ${withMarker(n.organisation)}` : ''})`
					)
				: [t('report:no_notes')];
			rows.push(new TableRow({ children: [cell(t('report:work_done'), true, 4)] }));
			rows.push(new TableRow({ children: [cell(work.join('\n'), false, 4)] }));
			if (row.indicators.length > 0) {
				const lines = row.indicators.map(
					(i) =>
						`${i.code} ${withMarker(i.name)}: ${t('report:start')} ${figureWords(i.start, i.unit, lang)}; ${t('report:end')} ${figureWords(i.end, i.unit, lang)}`
				);
				rows.push(new TableRow({ children: [cell(lines.join('\n'), false, 4)] }));
			}
		}
		blocks.push(
			new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				columnWidths: widths.map((w) => Math.round((w / 100) * 9638)),
				rows
			})
		);
	}

	const document = new Document({
		creator: 'Yol',
		title: reportTitle(report, lang),
		sections: [
			{
				// A4 in twentieths of a point, 2 cm margins.
				properties: {
					page: {
						size: { width: 11906, height: 16838 },
						margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 }
					}
				},
				children: blocks
			}
		]
	});
	return Packer.toBlob(document);
}
