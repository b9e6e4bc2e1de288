package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Component;

/**
 * The monthly brief (月度简报): the figures the seed article quotes — whistles received and
 * closed, closure and on-time rates, disputes screened and settled, the success rate, the
 * civil-to-criminal cases prevented — for an area, for one month and for the year to date
 * ({@code YYYY-01..YYYY-MM}), each with the same period a year earlier, as a Chinese
 * paragraph in the article's style followed by tables. Every figure comes from
 * {@link Indicators#values}, so the brief says what the values API says.
 */
@Component
public class MonthlyBriefs {

	/** The indicators of the brief, in the order of its tables. */
	static final List<String> CODES = List.of("whistles.received", "whistles.closed", "whistles.closure-rate",
			"whistles.on-time-rate", "whistles.within-30-minutes-share", "whistles.satisfied-share",
			"disputes.screened", "disputes.mediated", "disputes.settled", "disputes.success-rate",
			"disputes.civil-to-criminal-prevented", "disputes.civil-to-criminal-prevented-persons",
			"disputes.group-petitions-prevented");

	private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

	/** One line of a brief's table. */
	@Schema(name = "BriefLine")
	public record Line(String code, String name, Indicator.Unit unit, BigDecimal value, BigDecimal previousYear,
			@Schema(description = "change against a year earlier as a fraction") BigDecimal yearOnYear,
			@Schema(description = "the value as printed: 1234, 98.4%") String valueText,
			@Schema(description = "the same period a year earlier as printed") String previousYearText,
			@Schema(description = "the change as printed: +12.8%, -3.0 个百分点, —") String changeText) {

		/** Whether the value is a share printed as a percentage. */
		public boolean share() {
			return unit == Indicator.Unit.SHARE;
		}

	}

	/** A brief of one area and month. */
	@Schema(name = "MonthlyBrief")
	public record Brief(String areaCode, String areaName, String areaKind, String month,
			@Schema(description = "the year to date, e.g. 2025-01..2025-11") String yearToDate, String title,
			@Schema(description = "e.g. 2025年11月") String monthLabel,
			@Schema(description = "e.g. 1-11月") String yearToDateLabel, String paragraph, List<Line> monthLines,
			List<Line> yearToDateLines) {
	}

	private final Indicators indicators;

	private final Clock clock;

	MonthlyBriefs(Indicators indicators, Clock clock) {
		this.indicators = indicators;
		this.clock = clock;
	}

	/**
	 * The month of a brief: {@code YYYY-MM}, not after the current month; a 400
	 * otherwise.
	 */
	YearMonth month(String text) {
		String v = text == null ? "" : text.strip();
		YearMonth month;
		try {
			if (!MONTH.matcher(v).matches()) {
				throw new java.time.DateTimeException(v);
			}
			month = YearMonth.parse(v);
		}
		catch (java.time.DateTimeException e) {
			String shown = v.length() > 20 ? v.substring(0, 20) : v;
			throw new DomainException(DomainException.Kind.INVALID, "bad-month",
					"month " + shown + " is not a month; write YYYY-MM, e.g. 2025-11", Map.of("month", shown));
		}
		YearMonth now = YearMonth.now(clock);
		if (month.isAfter(now)) {
			throw new DomainException(DomainException.Kind.INVALID, "month-in-future",
					"month " + month + " has not begun; the latest is " + now,
					Map.of("month", month.toString(), "latest", now.toString()));
		}
		if (month.getYear() < 1990) {
			throw new DomainException(DomainException.Kind.INVALID, "bad-month", "month " + month + " is too early",
					Map.of("month", month.toString()));
		}
		return month;
	}

	/**
	 * The brief of an area (the county when blank) and month, within the caller's scope:
	 * a 400 for an unknown area or a bad month, a 403 for an area outside the scope.
	 */
	public Brief brief(String area, String monthText, DataScope scope) {
		YearMonth month = month(monthText);
		String ytd = YearMonth.of(month.getYear(), 1) + ".." + month;
		Indicators.Values monthValues = indicators.values(area, month.toString(), CODES, scope);
		Indicators.Values ytdValues = indicators.values(area, ytd, CODES, scope);
		String ytdLabel = month.getMonthValue() == 1 ? "1月" : "1-" + month.getMonthValue() + "月";
		String monthLabel = month.getYear() + "年" + month.getMonthValue() + "月";
		String title = ytdValues.areaName() + monthLabel + "社会治理工作简报";
		String paragraph = paragraph(where(ytdValues), ytdLabel, month.getMonthValue() + "月", ytdValues, monthValues);
		return new Brief(ytdValues.area(), ytdValues.areaName(), ytdValues.areaKind(), month.toString(), ytd, title,
				monthLabel, ytdLabel, paragraph, lines(monthValues), lines(ytdValues));
	}

	private List<Line> lines(Indicators.Values values) {
		List<Line> lines = new ArrayList<>();
		for (Indicators.Value v : values.values()) {
			Indicator i = indicators.definition(v.code()).orElseThrow();
			lines.add(new Line(v.code(), i.nameZh(), i.unit(), v.value(), v.previousYear(), v.yearOnYear(),
					text(i.unit(), v.value()), text(i.unit(), v.previousYear()), change(i.unit(), v)));
		}
		return lines;
	}

	/** How the paragraph names the area: 全县, 宁条梁镇, 西郊派出所辖区. */
	static String where(Indicators.Values values) {
		return switch (values.areaKind()) {
			case "county" -> "全县";
			case "station", "police-grid" -> values.areaName() + "辖区";
			default -> values.areaName();
		};
	}

	/**
	 * The paragraph in the article's style, e.g. "1-11月，全县共受理群众吹哨1230件，同比上升12.8%；…".
	 * Clauses whose value is missing (nothing to divide by) are left out.
	 */
	static String paragraph(String where, String ytdLabel, String monthLabel, Indicators.Values ytd,
			Indicators.Values month) {
		StringBuilder p = new StringBuilder();
		p.append(ytdLabel).append("，").append(where).append("共受理群众吹哨").append(count(ytd, "whistles.received"));
		p.append("件，").append(countChange(ytd, "whistles.received"));
		p.append("；办结").append(count(ytd, "whistles.closed")).append("件");
		rate(p, "，办结率", ytd, "whistles.closure-rate", false);
		rate(p, "，按时办结率", ytd, "whistles.on-time-rate", false);
		rate(p, "，30分钟内响应率", ytd, "whistles.within-30-minutes-share", false);
		rate(p, "，群众满意率", ytd, "whistles.satisfied-share", false);
		p.append("。排查受理矛盾纠纷").append(count(ytd, "disputes.screened")).append("件，");
		p.append(countChange(ytd, "disputes.screened"));
		p.append("；调解成功").append(count(ytd, "disputes.settled")).append("件");
		rate(p, "，调解成功率", ytd, "disputes.success-rate", true);
		p.append("；防止民转刑案件").append(count(ytd, "disputes.civil-to-criminal-prevented")).append("件");
		long persons = count(ytd, "disputes.civil-to-criminal-prevented-persons");
		if (persons > 0) {
			p.append("、涉及").append(persons).append("人");
		}
		p.append("，防止群体性上访").append(count(ytd, "disputes.group-petitions-prevented")).append("件。");
		if (!ytdLabel.equals(monthLabel)) {
			p.append(monthLabel).append("当月，受理群众吹哨").append(count(month, "whistles.received")).append("件，");
			p.append(countChange(month, "whistles.received"));
			p.append("；排查受理矛盾纠纷").append(count(month, "disputes.screened")).append("件，调解成功");
			p.append(count(month, "disputes.settled")).append("件。");
		}
		return p.toString();
	}

	private static long count(Indicators.Values values, String code) {
		return values.value(code).map(Indicators.Value::value).map(BigDecimal::longValue).orElse(0L);
	}

	/** 同比上升12.8%, 同比下降3.0%, 与去年同期持平, 去年同期无数据. */
	static String countChange(Indicators.Values values, String code) {
		Indicators.Value v = values.value(code).orElse(null);
		if (v == null || v.yearOnYear() == null) {
			return "去年同期无可比数据";
		}
		int sign = v.yearOnYear().signum();
		if (sign == 0) {
			return "与去年同期持平";
		}
		return (sign > 0 ? "同比上升" : "同比下降") + percent(v.yearOnYear().abs());
	}

	/** Appends "，办结率95.2%" and, with {@code points}, "，同比提高8.0个百分点". */
	private static void rate(StringBuilder p, String label, Indicators.Values values, String code, boolean points) {
		Indicators.Value v = values.value(code).orElse(null);
		if (v == null || v.value() == null) {
			return;
		}
		p.append(label).append(percent(v.value()));
		if (points && v.previousYear() != null) {
			BigDecimal diff = v.value().subtract(v.previousYear()).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
			p.append("，").append(switch (diff.signum()) {
				case 1 -> "同比提高" + diff.toPlainString() + "个百分点";
				case -1 -> "同比降低" + diff.abs().toPlainString() + "个百分点";
				default -> "与去年同期持平";
			});
		}
	}

	/** A fraction as a percentage to one decimal: 0.984 → 98.4%. */
	static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
	}

	static String text(Indicator.Unit unit, BigDecimal value) {
		if (value == null) {
			return "—";
		}
		return unit == Indicator.Unit.SHARE ? percent(value) : value.stripTrailingZeros().toPlainString();
	}

	/**
	 * The change as a table prints it: +12.8% for counts, +8.0个百分点 for shares, — without
	 * a base.
	 */
	static String change(Indicator.Unit unit, Indicators.Value v) {
		if (unit == Indicator.Unit.SHARE) {
			if (v.value() == null || v.previousYear() == null) {
				return "—";
			}
			BigDecimal diff = v.value().subtract(v.previousYear()).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
			return (diff.signum() > 0 ? "+" : "") + diff.toPlainString() + "个百分点";
		}
		if (v.yearOnYear() == null) {
			return "—";
		}
		return (v.yearOnYear().signum() > 0 ? "+" : "") + percent(v.yearOnYear());
	}

}
