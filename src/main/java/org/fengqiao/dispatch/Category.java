package org.fengqiao.dispatch;

/**
 * A kind of whistle in the catalogue: its default grade, its clocks (respond in minutes;
 * handle and feed back on a calendar), the handling line and whether grid workers may be
 * given it (网格事项准入).
 */
record Category(String code, String nameZh, String nameEn, int defaultGrade, String line, String department,
		int respondMinutes, int handleAmount, CalendarKind handleCalendar, int feedbackAmount,
		CalendarKind feedbackCalendar, boolean admittedToGrid, String transferTo, String keywords) {

	boolean summonsGrid() {
		return admittedToGrid && (line.equals("GRID") || line.equals("JOINT"));
	}

	boolean summonsPolice() {
		return line.equals("POLICE") || line.equals("JOINT");
	}
}
