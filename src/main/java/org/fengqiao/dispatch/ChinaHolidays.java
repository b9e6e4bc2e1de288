package org.fengqiao.dispatch;

import java.time.LocalDate;
import java.util.Map;

/**
 * Public holidays and adjusted working days (调休上班) of mainland China, in the
 * {@link DayOverrides} text format. Only dates that differ from the plain rule
 * "Monday-Friday work, Saturday/Sunday rest" matter; weekend days inside a holiday block
 * are listed too so that the data reads like the notice.
 *
 * <p>
 * Sources and status:
 * <ul>
 * <li>2025: official. 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号 (2024-11-12).</li>
 * <li>2026: official. 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04, published by Xinhua
 * (新华社北京11月4日电; reproduced e.g. on politics.gmw.cn/2025-11/04/content_38391083.htm).</li>
 * <li>2027: <b>PROVISIONAL, replace with the official notice</b> (expected around
 * November 2026). Derived from the lunar calendar (Spring Festival 2027-02-06, Qingming
 * 04-05, Dragon Boat 06-09, Mid-Autumn 09-15) and the arrangement principles stated in
 * the 2025 notice (春节 8 days from the eve, 国庆节 7 days from Oct 1, 劳动节 5 days, 元旦/清明/端午/中秋
 * 3 days or only the day itself when it is a Wednesday), with 13 statutory days; the
 * make-up working days are guesses. Counties can correct it without a code change via
 * {@link WorkCalendar#withOverrides(Map)} and {@link DayOverrides#parse(String)}.</li>
 * </ul>
 * Dates outside 2025-2027 follow the plain Monday-Friday rule.
 */
public final class ChinaHolidays {

	/** First and last year covered by {@link #DATA}. */
	public static final int FIRST_YEAR = 2025;

	public static final int LAST_YEAR = 2027;

	/** Years whose data is not yet from an official notice. */
	public static final java.util.Set<Integer> PROVISIONAL_YEARS = java.util.Set.of(2027);

	public static final String DATA = """
			# ---- 2025: official (国办发明电〔2024〕12号, 2024-11-12) ----
			2025-01-01 HOLIDAY                 # 元旦
			2025-01-26 WORKDAY                 # Sunday, 春节调休上班
			2025-01-28..2025-02-04 HOLIDAY     # 春节 (8 days)
			2025-02-08 WORKDAY                 # Saturday, 春节调休上班
			2025-04-04..2025-04-06 HOLIDAY     # 清明节
			2025-04-27 WORKDAY                 # Sunday, 劳动节调休上班
			2025-05-01..2025-05-05 HOLIDAY     # 劳动节
			2025-05-31..2025-06-02 HOLIDAY     # 端午节
			2025-09-28 WORKDAY                 # Sunday, 国庆调休上班
			2025-10-01..2025-10-08 HOLIDAY     # 国庆节 + 中秋节
			2025-10-11 WORKDAY                 # Saturday, 国庆调休上班

			# ---- 2026: official (国务院办公厅 notice of 2025-11-04, Xinhua) ----
			2026-01-01..2026-01-03 HOLIDAY     # 元旦 (Thu-Sat)
			2026-01-04 WORKDAY                 # Sunday
			2026-02-14 WORKDAY                 # Saturday
			2026-02-15..2026-02-23 HOLIDAY     # 春节 (腊月二十八 Sun - 正月初七 Mon, 9 days)
			2026-02-28 WORKDAY                 # Saturday
			2026-04-04..2026-04-06 HOLIDAY     # 清明节 (Sat-Mon)
			2026-05-01..2026-05-05 HOLIDAY     # 劳动节 (Fri-Tue)
			2026-05-09 WORKDAY                 # Saturday
			2026-06-19..2026-06-21 HOLIDAY     # 端午节 (Fri-Sun)
			2026-09-20 WORKDAY                 # Sunday
			2026-09-25..2026-09-27 HOLIDAY     # 中秋节 (Fri-Sun)
			2026-10-01..2026-10-07 HOLIDAY     # 国庆节 (Thu-Wed)
			2026-10-10 WORKDAY                 # Saturday

			# ---- 2027: PROVISIONAL, replace with the official notice (derived from the lunar calendar) ----
			2027-01-01..2027-01-03 HOLIDAY     # 元旦 (Fri-Sun)
			2027-01-31 WORKDAY                 # Sunday (guessed swap)
			2027-02-05..2027-02-12 HOLIDAY     # 春节: 8 days from the eve Feb 5 (Fri); New Year Feb 6 (Sat)
			2027-02-20 WORKDAY                 # Saturday (guessed swap)
			2027-04-03..2027-04-05 HOLIDAY     # 清明节 Apr 5 (Mon)
			2027-05-01..2027-05-05 HOLIDAY     # 劳动节 (Sat-Wed)
			2027-05-08 WORKDAY                 # Saturday (guessed swap)
			2027-06-09 HOLIDAY                 # 端午节 (Wed): Wednesday rule, that day only
			2027-09-15 HOLIDAY                 # 中秋节 (Wed): Wednesday rule, that day only
			2027-09-26 WORKDAY                 # Sunday (guessed swap)
			2027-10-01..2027-10-07 HOLIDAY     # 国庆节 (Fri-Thu)
			2027-10-09 WORKDAY                 # Saturday (guessed swap)
			""";

	private static final Map<LocalDate, DayKind> OVERRIDES = DayOverrides.parse(DATA);

	private ChinaHolidays() {
	}

	/** The parsed data: an unmodifiable map sorted by date. */
	public static Map<LocalDate, DayKind> overrides() {
		return OVERRIDES;
	}

}
