package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispute figures, defined once here (the statistics module reads them from this
 * class).
 *
 * <p>
 * Public: the statistics module reads the figures through {@link #totals}.
 *
 * <p>
 * Every dispute counts in the month it was registered (Asia/Shanghai), so each figure for
 * a period is about the same disputes and recent months grow as their cases finish:
 * <ul>
 * <li><b>screened</b> (排查/受理): disputes registered in the period, from any source;</li>
 * <li><b>mediated</b>: of those, the ones whose mediation has ended: a mediator took the
 * case and it is no longer waiting, being mediated or awaiting its follow-up (settled,
 * terminated, withdrawn, referred, archived);</li>
 * <li><b>underway</b>: of those, mediation started and not yet ended (neither a success
 * nor a failure yet);</li>
 * <li><b>settled</b> (调解成功): of those, the ones whose agreement a follow-up visit found
 * performed;</li>
 * <li><b>successRate</b> = settled / mediated (null when nothing was mediated);</li>
 * <li><b>settledInVillageShare</b> (小事不出村) = settled on the villagers' group or village
 * rung / settled;</li>
 * <li><b>settledInTownShare</b> (大事不出镇) = settled below the county / settled;</li>
 * <li><b>agreementAmount</b>: the sum of the amounts in settled disputes'
 * agreements;</li>
 * <li><b>civilToCriminalPrevented</b>: settled disputes flagged civil-to-criminal, as
 * cases and persons (their number of people involved);</li>
 * <li><b>groupPetitionsPrevented</b>: settled disputes flagged as a possible group
 * petition, as cases and persons.</li>
 * </ul>
 * The same figures are given by source, type, rung (the rung settled on, else the current
 * one), township and month, and for the same months a year earlier
 * ({@code previousYear}).
 */
@Component
public class DisputeFigures {

	/** The main figures of a period. */
	public record Figures(long screened, long mediated, long underway, long settled, BigDecimal successRate,
			BigDecimal settledInVillageShare, BigDecimal settledInTownShare, BigDecimal agreementAmount,
			long civilToCriminalCases, long civilToCriminalPersons, long groupPetitionCases,
			long groupPetitionPersons) {
	}

	/** Settled disputes with a risk flag: how many cases, and how many people in them. */
	@Schema(name = "DisputeFiguresPrevented")
	record Prevented(long cases, long persons) {
	}

	/** The main figures as the API gives them (the risk flags as cases and persons). */
	@Schema(name = "DisputeFiguresValues")
	record Values(long screened, long mediated, long underway, long settled, @Schema(
			description = "settled / mediated, to four decimals; null when nothing was mediated") BigDecimal successRate,
			@Schema(description = "小事不出村: settled on the group or village rung / settled") BigDecimal settledInVillageShare,
			@Schema(description = "大事不出镇: settled below the county / settled") BigDecimal settledInTownShare,
			BigDecimal agreementAmount, Prevented civilToCriminalPrevented, Prevented groupPetitionsPrevented) {

		static Values of(Figures f) {
			return new Values(f.screened(), f.mediated(), f.underway(), f.settled(), f.successRate(),
					f.settledInVillageShare(), f.settledInTownShare(), f.agreementAmount(),
					new Prevented(f.civilToCriminalCases(), f.civilToCriminalPersons()),
					new Prevented(f.groupPetitionCases(), f.groupPetitionPersons()));
		}

	}

	/**
	 * The figures of one value of a breakdown (a source, type, rung, township or month).
	 */
	@Schema(name = "DisputeFiguresBreakdown")
	record Breakdown(String key, @JsonUnwrapped Values figures) {
	}

	/** The figures of the same months a year earlier. */
	@Schema(name = "DisputeFiguresPeriod")
	record Period(@Schema(description = "YYYY-MM") String from, @Schema(description = "YYYY-MM") String to,
			@JsonUnwrapped Values figures) {
	}

	/** The figures of an area and period, with their breakdowns and the year before. */
	@Schema(name = "DisputeFiguresReport")
	record Report(@Schema(description = "division code prefix; empty for all") String area,
			@Schema(description = "YYYY-MM") String from, @Schema(description = "YYYY-MM") String to,
			@JsonUnwrapped Values figures, List<Breakdown> bySource, List<Breakdown> byType,
			@Schema(description = "by the rung settled on, else the current one") List<Breakdown> byRung,
			List<Breakdown> byTownship, List<Breakdown> byMonth, Period previousYear) {
	}

	private static final String COUNTS = """
			count(*) screened,
			count(*) filter (where d.mediation_started_at is not null
			                   and d.state not in ('REGISTERED', 'MEDIATING', 'AGREED')) mediated,
			count(*) filter (where d.mediation_started_at is not null
			                   and d.state in ('REGISTERED', 'MEDIATING', 'AGREED')) underway,
			count(*) filter (where d.settled_at is not null) settled,
			count(*) filter (where d.settled_at is not null and d.settled_rung in ('GROUP_TEAM', 'VILLAGE_CENTRE')) in_village,
			count(*) filter (where d.settled_at is not null and d.settled_rung <> 'COUNTY') in_town,
			coalesce(sum(a.amount) filter (where d.settled_at is not null), 0) amount,
			count(*) filter (where d.settled_at is not null and d.criminal_risk) c2c_cases,
			coalesce(sum(d.people_count) filter (where d.settled_at is not null and d.criminal_risk), 0) c2c_persons,
			count(*) filter (where d.settled_at is not null and d.petition_risk) petition_cases,
			coalesce(sum(d.people_count) filter (where d.settled_at is not null and d.petition_risk), 0) petition_persons""";

	private final JdbcClient jdbc;

	private final ZoneId zone;

	DisputeFigures(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.zone = clock.getZone();
	}

	/**
	 * The figures of an area (a division code prefix) for months {@code from} to
	 * {@code to}, within a scope.
	 */
	@Transactional(readOnly = true)
	Report report(String area, YearMonth from, YearMonth to, DataScope scope) {
		Period previous = new Period(from.minusYears(1).toString(), to.minusYears(1).toString(),
				Values.of(totals(area, from.minusYears(1), to.minusYears(1), scope)));
		return new Report(area, from.toString(), to.toString(), Values.of(totals(area, from, to, scope)),
				breakdown("d.source", area, from, to, scope), breakdown("d.dispute_type", area, from, to, scope),
				breakdown("coalesce(d.settled_rung, d.rung)", area, from, to, scope),
				breakdown("d.township_code", area, from, to, scope),
				breakdown("to_char(d.registered_at at time zone '" + zone.getId() + "', 'YYYY-MM')", area, from, to,
						scope),
				previous);
	}

	/**
	 * The main figures of an area (division code prefix, "" for all) for months
	 * {@code from} to {@code to}.
	 */
	@Transactional(readOnly = true)
	public Figures totals(String area, YearMonth from, YearMonth to, DataScope scope) {
		List<Object> params = new ArrayList<>();
		String where = where(area, from, to, scope, params);
		return jdbc
			.sql("select " + COUNTS + " from dispute d left join dispute_agreement a on a.dispute_id = d.id where "
					+ where)
			.params(params)
			.query((rs, n) -> figures(rs))
			.single();
	}

	private List<Breakdown> breakdown(String key, String area, YearMonth from, YearMonth to, DataScope scope) {
		List<Object> params = new ArrayList<>();
		String where = where(area, from, to, scope, params);
		return jdbc
			.sql("select " + key + " k, " + COUNTS
					+ " from dispute d left join dispute_agreement a on a.dispute_id = d.id where " + where
					+ " group by 1 order by 1")
			.params(params)
			.query((rs, n) -> new Breakdown(rs.getString("k"), Values.of(figures(rs))))
			.list();
	}

	private String where(String area, YearMonth from, YearMonth to, DataScope scope, List<Object> params) {
		String scopeCondition = Disputes.scopeCondition(scope, null, params);
		params.add(Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant()));
		params.add(Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
		params.add(area + "%");
		return scopeCondition
				+ " and d.registered_at >= ? and d.registered_at < ? and coalesce(d.area_code, d.village_code, '') like ?";
	}

	/** The figures of one row of {@link #COUNTS}. */
	private static Figures figures(java.sql.ResultSet rs) throws java.sql.SQLException {
		long mediated = rs.getLong("mediated"), settled = rs.getLong("settled");
		return new Figures(rs.getLong("screened"), mediated, rs.getLong("underway"), settled, ratio(settled, mediated),
				ratio(rs.getLong("in_village"), settled), ratio(rs.getLong("in_town"), settled),
				rs.getBigDecimal("amount"), rs.getLong("c2c_cases"), rs.getLong("c2c_persons"),
				rs.getLong("petition_cases"), rs.getLong("petition_persons"));
	}

	/** A share to four decimals, null when there is nothing to divide by. */
	static BigDecimal ratio(long part, long whole) {
		return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

}
