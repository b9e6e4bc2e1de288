package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the document templates print values ({@code ${fmt.date(file.agreement.agreedOn)}}):
 * Chinese dates, amounts with two decimals, and "—" for anything missing. The wording
 * itself lives in the templates.
 */
final class Formats {

	/** What a missing value prints as. */
	static final String NONE = "—";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

	Formats() {
	}

	/** The text, or "—" if there is none. */
	public String text(String s) {
		return s == null || s.isBlank() ? NONE : s;
	}

	/** 2025年7月1日, or "—". */
	public String date(LocalDate d) {
		return d == null ? NONE : DATE.format(d);
	}

	/** 2025年7月1日 14:00, or "—". */
	public String dateTime(LocalDateTime t) {
		return t == null ? NONE : DATE_TIME.format(t);
	}

	/** 12,000.00, or "—". */
	public String money(BigDecimal amount) {
		return amount == null ? NONE : new DecimalFormat("#,##0.00").format(amount);
	}

	/** Multi-line text as its non-blank lines, stripped; nothing at all is one "—". */
	public List<String> lines(String text) {
		List<String> lines = text == null ? List.of()
				: text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		return lines.isEmpty() ? List.of(NONE) : lines;
	}

	/** The parties' names joined with "、", or "—". */
	public String names(List<CaseFile.Party> parties) {
		String names = parties.stream().map(p -> text(p.name())).collect(Collectors.joining("、"));
		return names.isEmpty() ? NONE : names;
	}

}
