package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's whistle history: its span, rhythm, hot spots, late, reopened and rated
 * items, a year-on-year improvement, open recent items, and the same history for the same
 * clock.
 */
@FengqiaoIntegration
class DemoWhistleHistoryTests {

	private static final String DEMO = " from whistle where idempotency_key like 'history-%'";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoWhistleHistory demo;

	@Autowired
	java.time.Clock clock;

	@Value("${fengqiao.demo.whistles-per-year}")
	int perYear;

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	double number(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Double.class).single();
	}

	@Test
	void twoCalendarYearsAndTheYearToDate() {
		ZonedDateTime now = clock.instant().atZone(ZoneId.of("Asia/Shanghai"));
		int year = now.getYear();
		Instant first = jdbc.sql("select min(reported_at)" + DEMO).query(Timestamp.class).single().toInstant();
		Instant last = jdbc.sql("select max(reported_at)" + DEMO).query(Timestamp.class).single().toInstant();
		assertThat(first.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate())
			.isBetween(java.time.LocalDate.of(year - 2, 1, 1), java.time.LocalDate.of(year - 2, 1, 3));
		assertThat(last).isBefore(clock.instant()).isAfter(clock.instant().minus(java.time.Duration.ofDays(1)));
		long all = count("select count(*)" + DEMO);
		double years = 2 + now.getDayOfYear() / 365.0;
		assertThat((double) all).isBetween(perYear * years * 0.8, perYear * years * 1.25);
	}

	@Test
	void seasonsWeeksHoursAndHotSpots() {
		int last = clock.instant().atZone(ZoneId.of("Asia/Shanghai")).getYear() - 1;
		String inYear = " and extract(year from reported_at at time zone 'Asia/Shanghai') = " + last;
		assertThat(count("select count(*)" + DEMO + inYear
				+ " and extract(month from reported_at at time zone 'Asia/Shanghai') = 7"))
			.isGreaterThan(count("select count(*)" + DEMO + inYear
					+ " and extract(month from reported_at at time zone 'Asia/Shanghai') = 2"));
		assertThat(count("select count(*)" + DEMO + inYear
				+ " and extract(isodow from reported_at at time zone 'Asia/Shanghai') = 1"))
			.isGreaterThan(count("select count(*)" + DEMO + inYear
					+ " and extract(isodow from reported_at at time zone 'Asia/Shanghai') = 7") * 13 / 10);
		assertThat(count(
				"select count(*)" + DEMO + " and extract(hour from reported_at at time zone 'Asia/Shanghai') = 10"))
			.isGreaterThan(5 * count(
					"select count(*)" + DEMO + " and extract(hour from reported_at at time zone 'Asia/Shanghai') = 3"));
		// The county seat: about a third of the people, well over a third of the
		// whistles.
		double seat = number("select avg(case when township_code = '610824001' then 1.0 else 0 end)" + DEMO);
		assertThat(seat).isBetween(0.4, 0.8);
	}

	@Test
	void lateReopenedAndRatedWhistlesWithConsistentFacts() {
		assertThat(count("select count(*)" + DEMO + " and escalations > 0")).isPositive();
		assertThat(count("select coalesce(sum(escalations), 0)" + DEMO)).isEqualTo(count(
				"select count(*) from whistle_event e join whistle w on w.id = e.whistle_id where w.idempotency_key like 'history-%' and e.action = 'escalate'"));
		assertThat(count(
				"select count(*) from whistle_event e join whistle w on w.id = e.whistle_id where w.idempotency_key like 'history-%' and e.action = 'reopen'"))
			.isPositive();
		double fourOrFive = number(
				"select avg(case when rating >= 4 then 1.0 else 0 end)" + DEMO + " and rating is not null");
		assertThat(fourOrFive).isGreaterThan(0.8);
		assertThat(count("select count(*)" + DEMO + " and state in ('CLOSED', 'REJECTED') and escalate_at is not null"))
			.isZero();
		assertThat(count(
				"select count(*)" + DEMO + " and state = 'CLOSED' and (closed_at is null or resolved_at is null)"))
			.isZero();
		// Recent items are still open, in several states, their clocks running.
		assertThat(count("select count(distinct state)" + DEMO
				+ " and state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RESOLVED')"))
			.isGreaterThanOrEqualTo(2);
		assertThat(count("select count(*)" + DEMO + " and state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RESOLVED')"))
			.isGreaterThanOrEqualTo(5);
		assertThat(count(
				"select count(*)" + DEMO
						+ " and state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RESOLVED') and reported_at < ?",
				Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(21)))))
			.as("only recent items are still open")
			.isZero();
		assertThat(count("select count(*)" + DEMO
				+ " and state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE') and escalate_at is null and responder_level > 1"))
			.isZero();
	}

	@Test
	void betterYearOnYear() {
		int year = clock.instant().atZone(ZoneId.of("Asia/Shanghai")).getYear();
		String y2 = " and extract(year from reported_at at time zone 'Asia/Shanghai') = " + (year - 2);
		String y1 = " and extract(year from reported_at at time zone 'Asia/Shanghai') = " + (year - 1);
		assertThat(count("select count(*)" + DEMO + y1)).isGreaterThan(count("select count(*)" + DEMO + y2));
		String escalated = "select avg(case when escalations = 0 then 1.0 else 0 end)" + DEMO
				+ " and accepted_at is not null";
		assertThat(number(escalated + y1)).isGreaterThan(number(escalated + y2));
		String rating = "select avg(rating)" + DEMO + " and rating is not null";
		assertThat(number(rating + y1)).isGreaterThan(number(rating + y2));
		String response = "select percentile_cont(0.5) within group (order by extract(epoch from accepted_at - reported_at))"
				+ DEMO + " and accepted_at is not null";
		assertThat(number(response + y1)).isLessThan(number(response + y2));
	}

	@Test
	void theSameClockGivesTheSameHistory() {
		Instant at = Instant.parse("2025-03-01T02:00:00Z");
		var one = demo.generate(at);
		var two = demo.generate(at);
		assertThat(one).isNotEmpty().isEqualTo(two);
		assertThat(one.get(0).reportedAt()).isAfter(Instant.parse("2022-12-31T00:00:00Z"));
	}

}
