package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The Excel tables: numbers as numbers, blanks for nulls, formulas never. */
class StatisticsWorkbookTests {

	@Test
	void aNameThatLooksLikeAFormulaIsWrittenAsText() throws Exception {
		Indicators.Breakdown breakdown = new Indicators.Breakdown("whistles.received", "610824", "靖边县", "2025",
				"township",
				List.of(new Indicators.Row("=HYPERLINK(\"http://x\")", "=1+1", BigDecimal.valueOf(12), null, null,
						BigDecimal.valueOf(10), new BigDecimal("0.2000")),
						new Indicators.Row("610824100", "@SUM(A1)", null, null, null, null, null)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StatisticsWorkbook.breakdown(breakdown, "+title", StatisticsWorkbook.BREAKDOWN_COLUMNS, out);
		try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("'+title");
			assertThat(sheet.getRow(2).getCell(0).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).startsWith("'=");
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("'=1+1");
			assertThat(sheet.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(12.0);
			assertThat(sheet.getRow(2).getCell(6).getNumericCellValue()).isEqualTo(0.2);
			assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("'@SUM(A1)");
			assertThat(sheet.getRow(3).getCell(2).getCellType()).as("no value: a blank cell").isEqualTo(CellType.BLANK);
			for (var row : sheet) {
				for (var cell : row) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
			}
		}
	}

}
