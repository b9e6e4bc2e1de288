package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayOverridesTests {

	@Test
	void parsesDatesRangesCommentsAndCase() {
		Map<LocalDate, DayKind> m = DayOverrides.parse("""
				# county corrections
				2026-10-01..2026-10-03 HOLIDAY   # range, inclusive

				2026-10-10 workday
				""");
		assertThat(m).containsExactly(Map.entry(LocalDate.parse("2026-10-01"), DayKind.HOLIDAY),
				Map.entry(LocalDate.parse("2026-10-02"), DayKind.HOLIDAY),
				Map.entry(LocalDate.parse("2026-10-03"), DayKind.HOLIDAY),
				Map.entry(LocalDate.parse("2026-10-10"), DayKind.WORKDAY));
	}

	@Test
	void parsesFromReaderAndEmptyText() {
		assertThat(DayOverrides.parse(new StringReader("2027-01-01 HOLIDAY\n")))
			.containsEntry(LocalDate.parse("2027-01-01"), DayKind.HOLIDAY);
		assertThat(DayOverrides.parse("  \n# nothing\n")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "2026-10-01 HOLIDAY\\n2026-13-01 HOLIDAY | line 2",
					"2026-10-01 VACATION                      | unknown day kind",
					"2026-10-01                               | expected",
					"2026-10-01 HOLIDAY extra                 | expected",
					"2026-10-07..2026-10-01 HOLIDAY           | ends before",
					"2026-10-01 HOLIDAY\\n2026-10-01 WORKDAY  | already listed", })
	void rejectsMalformedLinesWithTheLineNumber(String text, String message) {
		assertThatThrownBy(() -> DayOverrides.parse(text.replace("\\n", "\n")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(message);
	}

}
