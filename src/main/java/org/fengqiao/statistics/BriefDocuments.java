package org.fengqiao.statistics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * Writes monthly briefs as an Excel workbook (one sheet per area: title, the paragraph,
 * then the month's and the year to date's tables) and as a PDF from the Thymeleaf
 * template {@code templates/statistics/brief/brief.html}, laid out by openhtmltopdf with
 * the bundled fonts embedded (Droid Sans Fallback for Chinese, Liberation Sans for digits
 * and Latin letters), as the mediation documents are (docs/adr/0003).
 */
@Component
class BriefDocuments {

	/** The font families the template's CSS names. */
	static final String CJK_FAMILY = "Droid Sans Fallback";

	static final String LATIN_FAMILY = "Liberation Sans";

	private static final String CJK_FONT = "fonts/DroidSansFallbackFull.ttf";

	private static final String LATIN_FONT = "fonts/LiberationSans-Regular.ttf";

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private volatile byte[][] fonts;

	BriefDocuments() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(BriefDocuments.class.getClassLoader());
		resolver.setPrefix("templates/statistics/brief/");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		templates.setTemplateResolver(resolver);
	}

	/** The briefs as one workbook, a sheet per brief. */
	byte[] xlsx(List<MonthlyBriefs.Brief> briefs) {
		try (Workbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			Styles styles = new Styles(workbook);
			Set<String> names = new HashSet<>();
			for (MonthlyBriefs.Brief brief : briefs) {
				String name = WorkbookUtil.createSafeSheetName(brief.areaName());
				for (int n = 2; !names.add(name); n++) {
					name = WorkbookUtil.createSafeSheetName(brief.areaName() + " " + n);
				}
				sheet(workbook.createSheet(name), brief, styles);
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void sheet(Sheet sheet, MonthlyBriefs.Brief brief, Styles styles) {
		sheet.setColumnWidth(0, 34 * 256);
		sheet.setColumnWidth(1, 16 * 256);
		sheet.setColumnWidth(2, 16 * 256);
		sheet.setColumnWidth(3, 18 * 256);
		Row title = sheet.createRow(0);
		text(title, 0, brief.title(), styles.title);
		sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
		Row paragraph = sheet.createRow(1);
		text(paragraph, 0, brief.paragraph(), styles.paragraph);
		sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 3));
		// About 38 characters a line across the four columns.
		paragraph.setHeightInPoints(16f * (brief.paragraph().length() / 38 + 2));
		int next = table(sheet, 3, brief.monthLabel() + "（当月）", brief.monthLines(), styles);
		table(sheet, next + 1, brief.monthLabel().substring(0, 5) + brief.yearToDateLabel() + "累计",
				brief.yearToDateLines(), styles);
	}

	private static int table(Sheet sheet, int first, String caption, List<MonthlyBriefs.Line> lines, Styles styles) {
		text(sheet.createRow(first), 0, caption, styles.caption);
		Row head = sheet.createRow(first + 1);
		String[] heads = { "指标", "本期", "去年同期", "同比" };
		for (int c = 0; c < heads.length; c++) {
			text(head, c, heads[c], styles.head);
		}
		int r = first + 2;
		for (MonthlyBriefs.Line line : lines) {
			Row row = sheet.createRow(r++);
			text(row, 0, line.name(), styles.cell);
			number(row, 1, line, line.value(), styles);
			number(row, 2, line, line.previousYear(), styles);
			text(row, 3, line.changeText(), styles.cell);
		}
		return r;
	}

	private static void number(Row row, int column, MonthlyBriefs.Line line, java.math.BigDecimal value,
			Styles styles) {
		if (value == null) {
			text(row, column, "—", styles.cell);
			return;
		}
		Cell cell = row.createCell(column);
		cell.setCellValue(value.doubleValue());
		cell.setCellStyle(line.share() ? styles.percent : styles.count);
	}

	private static void text(Row row, int column, String value, CellStyle style) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(style);
	}

	/** The cell styles of a workbook. */
	private static final class Styles {

		final CellStyle title;

		final CellStyle paragraph;

		final CellStyle caption;

		final CellStyle head;

		final CellStyle cell;

		final CellStyle count;

		final CellStyle percent;

		Styles(Workbook workbook) {
			Font big = workbook.createFont();
			big.setBold(true);
			big.setFontHeightInPoints((short) 16);
			title = workbook.createCellStyle();
			title.setFont(big);
			paragraph = workbook.createCellStyle();
			paragraph.setWrapText(true);
			paragraph.setVerticalAlignment(VerticalAlignment.TOP);
			Font bold = workbook.createFont();
			bold.setBold(true);
			caption = workbook.createCellStyle();
			caption.setFont(bold);
			head = bordered(workbook);
			head.setFont(bold);
			head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
			head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
			cell = bordered(workbook);
			count = bordered(workbook);
			count.setDataFormat(workbook.createDataFormat().getFormat("0"));
			percent = bordered(workbook);
			percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
		}

		private static CellStyle bordered(Workbook workbook) {
			CellStyle s = workbook.createCellStyle();
			s.setBorderBottom(BorderStyle.THIN);
			s.setBorderTop(BorderStyle.THIN);
			s.setBorderLeft(BorderStyle.THIN);
			s.setBorderRight(BorderStyle.THIN);
			return s;
		}

	}

	/** The briefs as one PDF, each brief starting on a new page. */
	byte[] pdf(List<MonthlyBriefs.Brief> briefs) {
		return pdf(html(briefs));
	}

	/** The brief template filled in (XHTML). */
	String html(List<MonthlyBriefs.Brief> briefs) {
		Context context = new Context(java.util.Locale.SIMPLIFIED_CHINESE);
		context.setVariable("briefs", briefs);
		return templates.process("brief.html", context);
	}

	private byte[] pdf(String xhtml) {
		byte[][] f = fonts();
		var out = new ByteArrayOutputStream();
		var builder = new PdfRendererBuilder();
		builder.useFastMode();
		builder.withHtmlContent(xhtml, null);
		builder.useFont(() -> new ByteArrayInputStream(f[0]), CJK_FAMILY, 400, FontStyle.NORMAL, true);
		builder.useFont(() -> new ByteArrayInputStream(f[1]), LATIN_FAMILY, 400, FontStyle.NORMAL, true);
		builder.toStream(out);
		try {
			builder.run();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** The fonts' bytes, read once. */
	private byte[][] fonts() {
		byte[][] f = fonts;
		if (f == null) {
			f = new byte[][] { read(CJK_FONT), read(LATIN_FONT) };
			fonts = f;
		}
		return f;
	}

	private static byte[] read(String resource) {
		try (InputStream in = BriefDocuments.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing font on the classpath: " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
