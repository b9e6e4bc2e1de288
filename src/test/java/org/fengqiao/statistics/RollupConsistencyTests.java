package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roll-ups, kept current change by change since the demo history was loaded, equal a
 * plain GROUP BY over dispatch's and mediation's raw rows, for every whistle and dispute
 * indicator, for areas of every kind and periods of every notation. (The periods are
 * those of the demo history before the suite's month: other tests write raw rows in
 * 2018-2020 and move this month's whistles about without telling anyone.)
 */
@FengqiaoIntegration
class RollupConsistencyTests {

	@Autowired
	java.time.Clock clock;

	/**
	 * Periods of every notation in the demo history, before the suite's "now" whatever
	 * day it is (with the default clock: 2024, 2025, 2025-Q3, 2025-07, 2025-W27,
	 * 2025-07-15, 2025-01..2025-11, 2026-01..2026-05).
	 */
	List<String> periods() {
		java.time.LocalDate today = java.time.LocalDate.now(clock);
		int y = today.getYear() - 1;
		List<String> periods = new ArrayList<>(List.of(String.valueOf(y - 1), String.valueOf(y), y + "-Q3", y + "-07",
				y + "-W27", y + "-07-15", y + "-01.." + y + "-11"));
		if (today.getMonthValue() > 1) {
			periods.add(String.format("%d-01..%d-%02d", y + 1, y + 1, today.getMonthValue() - 1));
		}
		return periods;
	}

	@Autowired
	Indicators indicators;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	/**
	 * The areas: the county, a township, a village, a grid, a station and a police grid
	 * with whistles.
	 */
	Map<String, Area> areas() {
		Map<String, Area> areas = new LinkedHashMap<>();
		areas.put("county", area("610824"));
		String busiest = jdbc.sql(
				"select grid_code from whistle where grid_code is not null group by 1 order by count(*) desc, 1 limit 1")
			.query(String.class)
			.single();
		areas.put("township", area(busiest.substring(0, 9)));
		areas.put("village", area(busiest.substring(0, 12)));
		areas.put("grid", area(busiest));
		String policeGrid = jdbc.sql("""
				select police_grid_code from whistle where police_grid_code is not null
				group by 1 order by count(*) desc, 1 limit 1""").query(String.class).single();
		areas.put("police grid", area(policeGrid));
		areas.put("station", area(directory.policeGrid(policeGrid).orElseThrow().stationCode()));
		return areas;
	}

	@Autowired
	Areas resolver;

	Area area(String code) {
		return resolver.resolve(code);
	}

	@Test
	void everyWhistleIndicatorEqualsPlainSqlOverTheRawRows() {
		int compared = 0;
		for (Map.Entry<String, Area> a : areas().entrySet()) {
			for (String p : periods()) {
				Period period = Period.parse(p);
				Indicators.Values values = indicators.values(a.getValue().code(), p, codes("whistles."),
						DataScope.county());
				Map<String, Measure> expected = plainWhistles(a.getValue(), period);
				for (Map.Entry<String, Measure> e : expected.entrySet()) {
					Indicators.Value v = values.value(e.getKey()).orElseThrow();
					String what = e.getKey() + " of " + a.getKey() + " " + a.getValue().code() + " in " + p;
					assertThat(v.value()).as(what).isEqualTo(e.getValue().value());
					assertThat(v.numerator()).as(what + " numerator").isEqualTo(e.getValue().numerator());
					assertThat(v.denominator()).as(what + " denominator").isEqualTo(e.getValue().denominator());
					compared++;
				}
			}
		}
		assertThat(compared).isEqualTo(6 * periods().size() * 11);
		// The history is not empty: these comparisons compared something.
		assertThat(indicators.values("610824", periods().get(1), List.of("whistles.received"), DataScope.county())
			.value("whistles.received")
			.orElseThrow()
			.value()).isPositive();
	}

	@Test
	void everyDisputeIndicatorEqualsPlainSqlOverTheRawRows() {
		int compared = 0;
		for (Map.Entry<String, Area> a : areas().entrySet()) {
			for (String p : periods()) {
				Period period = Period.parse(p);
				Indicators.Values values = indicators.values(a.getValue().code(), p, codes("disputes."),
						DataScope.county());
				Map<String, Measure> expected = plainDisputes(a.getValue(), period);
				for (Map.Entry<String, Measure> e : expected.entrySet()) {
					Indicators.Value v = values.value(e.getKey()).orElseThrow();
					String what = e.getKey() + " of " + a.getKey() + " " + a.getValue().code() + " in " + p;
					assertThat(v.value()).as(what).isEqualTo(e.getValue().value());
					assertThat(v.denominator()).as(what + " denominator").isEqualTo(e.getValue().denominator());
					compared++;
				}
			}
		}
		assertThat(compared).isEqualTo(6 * periods().size() * 9);
		assertThat(indicators.values("610824", periods().get(1), List.of("disputes.screened"), DataScope.county())
			.value("disputes.screened")
			.orElseThrow()
			.value()).isPositive();
	}

	List<String> codes(String prefix) {
		return indicators.definitions().stream().map(Indicator::code).filter(c -> c.startsWith(prefix)).toList();
	}

	/** The area condition on a raw table, and its parameter. */
	static String areaCondition(Area area, String areaColumn, List<Object> params) {
		if (area.byCode()) {
			params.add(area.prefix() + "%");
			return areaColumn + " like ?";
		}
		params.add(area.policeGrids().toArray(String[]::new));
		return "police_grid_code = any(?)";
	}

	Map<String, Measure> plainWhistles(Area area, Period period) {
		List<Object> params = new ArrayList<>();
		params.add(Date.valueOf(period.from()));
		params.add(Date.valueOf(period.to()));
		String where = areaCondition(area, "coalesce(w.grid_code, w.village_code, w.township_code, '')", params);
		if (!area.byCode()) {
			where = where.replace("police_grid_code", "w.police_grid_code");
		}
		String sql = """
				with f as (
				  select w.state in ('RESOLVED', 'CONFIRMED', 'CLOSED') handled,
				         w.state in ('CONFIRMED', 'CLOSED') closed,
				         w.state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RETURNED') open,
				         (w.escalations > 0 or (w.resolved_at is not null and w.handle_due is not null
				                                and w.resolved_at > w.handle_due)) late,
				         exists (select 1 from whistle_event e where e.whistle_id = w.id and e.action = 'reopen') reopened,
				         w.escalations > 0 escalated,
				         case when w.accepted_at is not null then greatest(extract(epoch from (w.accepted_at - w.reported_at))::bigint, 0) end secs,
				         w.rating
				    from whistle w
				   where (w.reported_at at time zone 'Asia/Shanghai')::date >= ?
				     and (w.reported_at at time zone 'Asia/Shanghai')::date < ?
				     and %s),
				g as (select *, secs / 60 m from f)
				select count(*) received, count(*) filter (where closed) closed, count(*) filter (where handled) handled,
				       count(*) filter (where open and late) overdue_open, count(*) filter (where handled and not late) on_time,
				       count(*) filter (where handled or reopened) resolved_ever, count(*) filter (where reopened) reopened,
				       count(*) filter (where escalated) escalated, count(secs) responded,
				       count(*) filter (where secs <= 1800) within_30, count(rating) rated, coalesce(sum(rating), 0) rating_sum,
				       count(*) filter (where rating >= 4) rating_high,
				       percentile_disc(0.5) within group (order by case when m is null then null when m < 120 then m when m < 1440
				           then 120 + (m - 120) / 30 * 30 else 1440 + least((m - 1440) / 1440, 29) * 1440 end) p50,
				       percentile_disc(0.9) within group (order by case when m is null then null when m < 120 then m when m < 1440
				           then 120 + (m - 120) / 30 * 30 else 1440 + least((m - 1440) / 1440, 29) * 1440 end) p90
				  from g"""
			.formatted(where);
		return jdbc.sql(sql).params(params).query((rs, n) -> {
			Map<String, Measure> m = new LinkedHashMap<>();
			long due = rs.getLong("handled") + rs.getLong("overdue_open");
			long responded = rs.getLong("responded");
			m.put("whistles.received", count(rs.getLong("received")));
			m.put("whistles.closed", count(rs.getLong("closed")));
			m.put("whistles.closure-rate", ratio(rs.getLong("closed"), due, 4));
			m.put("whistles.on-time-rate", ratio(rs.getLong("on_time"), due, 4));
			m.put("whistles.response-minutes-p50", percentile(rs.getObject("p50"), responded));
			m.put("whistles.response-minutes-p90", percentile(rs.getObject("p90"), responded));
			m.put("whistles.within-30-minutes-share", ratio(rs.getLong("within_30"), responded, 4));
			m.put("whistles.escalated", count(rs.getLong("escalated")));
			m.put("whistles.rework-rate", ratio(rs.getLong("reopened"), rs.getLong("resolved_ever"), 4));
			m.put("whistles.satisfaction", ratio(rs.getLong("rating_sum"), rs.getLong("rated"), 2));
			m.put("whistles.satisfied-share", ratio(rs.getLong("rating_high"), rs.getLong("rated"), 4));
			return m;
		}).single();
	}

	Map<String, Measure> plainDisputes(Area area, Period period) {
		List<Object> params = new ArrayList<>();
		params.add(Date.valueOf(period.from()));
		params.add(Date.valueOf(period.to()));
		String where;
		if (area.byCode()) {
			where = "coalesce(d.area_code, d.village_code, d.township_code, '') like ?";
			params.add(area.prefix() + "%");
		}
		else {
			// Disputes have no police grid of their own: the one their grid is fused
			// into.
			where = "d.grid_code in (select g.code from grid g where g.police_grid_code = any(?))"
					+ " or d.area_code in (select g.code from grid g where g.police_grid_code = any(?))";
			params.add(area.policeGrids().toArray(String[]::new));
			params.add(area.policeGrids().toArray(String[]::new));
			where = "(" + where + ")";
		}
		String sql = """
				select count(*) screened,
				       count(*) filter (where d.mediation_started_at is not null
				                          and d.state not in ('REGISTERED', 'MEDIATING', 'AGREED')) mediated,
				       count(*) filter (where d.settled_at is not null) settled,
				       count(*) filter (where d.settled_at is not null and d.settled_rung in ('GROUP_TEAM', 'VILLAGE_CENTRE')) in_village,
				       count(*) filter (where d.settled_at is not null and d.settled_rung <> 'COUNTY') in_town,
				       count(*) filter (where d.settled_at is not null and d.criminal_risk) c2c,
				       coalesce(sum(d.people_count) filter (where d.settled_at is not null and d.criminal_risk), 0) c2c_persons,
				       count(*) filter (where d.settled_at is not null and d.petition_risk) petitions
				  from dispute d
				 where (d.registered_at at time zone 'Asia/Shanghai')::date >= ?
				   and (d.registered_at at time zone 'Asia/Shanghai')::date < ? and %s"""
			.formatted(where);
		return jdbc.sql(sql).params(params).query((rs, n) -> {
			Map<String, Measure> m = new LinkedHashMap<>();
			long settled = rs.getLong("settled");
			m.put("disputes.screened", count(rs.getLong("screened")));
			m.put("disputes.mediated", count(rs.getLong("mediated")));
			m.put("disputes.settled", count(settled));
			m.put("disputes.success-rate", ratio(settled, rs.getLong("mediated"), 4));
			m.put("disputes.settled-in-village-share", ratio(rs.getLong("in_village"), settled, 4));
			m.put("disputes.settled-in-town-share", ratio(rs.getLong("in_town"), settled, 4));
			m.put("disputes.civil-to-criminal-prevented", count(rs.getLong("c2c")));
			m.put("disputes.civil-to-criminal-prevented-persons", count(rs.getLong("c2c_persons")));
			m.put("disputes.group-petitions-prevented", count(rs.getLong("petitions")));
			return m;
		}).single();
	}

	static Measure count(long n) {
		return new Measure(BigDecimal.valueOf(n), BigDecimal.valueOf(n), null);
	}

	static Measure ratio(long numerator, long denominator, int scale) {
		return new Measure(
				denominator == 0 ? null
						: BigDecimal.valueOf(numerator)
							.divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP),
				BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
	}

	static Measure percentile(Object value, long count) {
		return new Measure(count == 0 || value == null ? null : new BigDecimal(value.toString()), null,
				BigDecimal.valueOf(count));
	}

}
