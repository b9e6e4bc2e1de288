/**
 * Statistics (统计、考核、简报): the indicator engine over roll-ups kept current from the other
 * modules' events, sliced by period and area with year-on-year and period-on-period
 * changes; the dashboard, the command centre's big screen, evaluation and the monthly
 * brief. Other modules add indicators by declaring an {@link IndicatorSource}.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "platform", "geo", "organisation", "dispatch", "mediation" })
package org.fengqiao.statistics;
