package org.fengqiao.statistics;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The dashboard's tables as Excel workbooks: a breakdown (key, name, value, numerator,
 * denominator, previous year, year on year) and the values of an area and period. Numbers
 * are number cells; a text a spreadsheet would read as a formula is written as text.
 */
final class StatisticsWorkbook {

	private StatisticsWorkbook() {
	}

	/** The columns of a breakdown sheet. */
	static final List<String> BREAKDOWN_COLUMNS = List.of("key", "name", "value", "numerator", "denominator",
			"previousYear", "yearOnYear");

	/** The columns of a values sheet. */
	static final List<String> VALUES_COLUMNS = List.of("code", "name", "unit", "value", "numerator", "denominator",
			"previousYear", "yearOnYear", "previousPeriod", "periodOnPeriod");

	/**
	 * Writes a breakdown: a title row, a header row of {@code headers} (the column names,
	 * translated), then one row per key.
	 */
	static void breakdown(Indicators.Breakdown breakdown, String title, List<String> headers, OutputStream out)
			throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet(breakdown.by());
			int r = header(workbook, sheet, title, headers);
			for (Indicators.Row row : breakdown.rows()) {
				Row line = sheet.createRow(r++);
				text(line, 0, row.key());
				text(line, 1, row.name());
				number(line, 2, row.value());
				number(line, 3, row.numerator());
				number(line, 4, row.denominator());
				number(line, 5, row.previousYear());
				number(line, 6, row.yearOnYear());
			}
			finish(sheet, headers.size());
			workbook.write(out);
		}
	}

	/**
	 * Writes the values of an area and period: a title row, a header row, then one row
	 * per indicator with its Chinese or English name.
	 */
	static void values(Indicators.Values values, List<Indicator> definitions, boolean chinese, String title,
			List<String> headers, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet(values.period().replace("..", "-"));
			int r = header(workbook, sheet, title, headers);
			for (Indicators.Value v : values.values()) {
				Indicator d = definitions.stream().filter(i -> i.code().equals(v.code())).findFirst().orElse(null);
				Row line = sheet.createRow(r++);
				text(line, 0, v.code());
				text(line, 1, d == null ? v.code() : chinese ? d.nameZh() : d.nameEn());
				text(line, 2, d == null ? "" : d.unit().name().toLowerCase(java.util.Locale.ROOT));
				number(line, 3, v.value());
				number(line, 4, v.numerator());
				number(line, 5, v.denominator());
				number(line, 6, v.previousYear());
				number(line, 7, v.yearOnYear());
				number(line, 8, v.previousPeriod());
				number(line, 9, v.periodOnPeriod());
			}
			finish(sheet, headers.size());
			workbook.write(out);
		}
	}

	/** The title in row 0 and the headers in row 1; returns the first data row. */
	private static int header(Workbook workbook, Sheet sheet, String title, List<String> headers) {
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Cell t = sheet.createRow(0).createCell(0);
		t.setCellValue(cell(title));
		t.setCellStyle(bold);
		Row header = sheet.createRow(1);
		for (int c = 0; c < headers.size(); c++) {
			Cell h = header.createCell(c);
			h.setCellValue(headers.get(c));
			h.setCellStyle(bold);
		}
		sheet.createFreezePane(0, 2);
		return 2;
	}

	private static void finish(Sheet sheet, int columns) {
		for (int c = 0; c < columns; c++) {
			sheet.setColumnWidth(c, c == 1 ? 40 * 256 : 16 * 256);
		}
	}

	private static void text(Row row, int column, String value) {
		row.createCell(column).setCellValue(value == null ? "" : cell(value));
	}

	private static void number(Row row, int column, BigDecimal value) {
		Cell c = row.createCell(column);
		if (value != null) {
			c.setCellValue(value.doubleValue());
		}
	}

	/** A text a spreadsheet would read as a formula is written as text. */
	static String cell(String text) {
		return text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

}
