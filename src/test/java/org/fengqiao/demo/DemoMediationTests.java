package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.mediation.DisputeFigures;
import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's mediation history looks like the county's: its size, success rate and where
 * disputes are settled, and the year-on-year change the seed reports.
 */
@FengqiaoIntegration
class DemoMediationTests {

	/** Disputes the demo loaded (other tests register their own). */
	private static final String DEMO = "from dispute d where d.registered_by = 'demo'";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FieldCipher cipher;

	@Autowired
	MediationBodies bodies;

	@Autowired
	DemoMediation demo;

	@Autowired
	DisputeFigures figures;

	@Autowired
	java.time.Clock clock;

	@Value("${fengqiao.demo.disputes-per-year}")
	int perYear;

	@Test
	void aYearOfDisputesLikeTheCountys() {
		int count = count("select count(*) " + DEMO);
		// Two full calendar years and the year to date, at about the configured pace.
		int yearToDate = count("select count(*) " + DEMO + " and d.registered_at >= date_trunc('year', " + sqlNow()
				+ " at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'");
		java.time.LocalDate today = java.time.LocalDate.now(clock);
		if (today.getDayOfYear() >= 20) {
			assertThat((double) yearToDate).isBetween(perYear * today.getDayOfYear() / 365.0 * 0.9,
					perYear * today.getDayOfYear() / 365.0 * 1.1);
		}
		else {
			// Early January: the year to date has little or no time before "now" yet.
			assertThat((double) yearToDate).isLessThanOrEqualTo(perYear * today.getDayOfYear() / 365.0 * 1.1);
		}
		assertThat((double) count).isBetween(perYear * (2 + today.getDayOfYear() / 365.0) * 0.85,
				perYear * (2 + today.getDayOfYear() / 365.0) * 1.05);

		// The figures as the API defines them (DisputeFigures), over the current year to
		// date in the whole county.
		java.time.YearMonth now = java.time.YearMonth.now(clock);
		DisputeFigures.Figures year = figures.totals("610824", now.withMonth(1), now,
				org.fengqiao.organisation.DataScope.county());
		assertThat(year.screened()).isGreaterThanOrEqualTo(yearToDate);
		if (today.getDayOfYear() < 20) {
			// Early January: the year to date has (almost) nothing mediated yet.
			assertThat(year.mediated()).isLessThanOrEqualTo(year.screened());
			return;
		}
		assertThat(year.successRate().doubleValue()).isBetween(0.95, 0.995);
		assertThat(year.settledInVillageShare().doubleValue()).isBetween(0.75, 0.92);
		assertThat(year.settledInTownShare().doubleValue()).isGreaterThanOrEqualTo(0.95);
		assertThat(year.underway()).as("recent disputes are still being mediated").isPositive();

		// Some criminal-risk disputes, some still open, some in every final state.
		double criminal = count("select count(*) " + DEMO + " and d.criminal_risk");
		assertThat(criminal / count).isBetween(0.01, 0.06);
		for (String state : List.of("REGISTERED", "MEDIATING", "AGREED", "SETTLED", "ARCHIVED")) {
			assertThat(count("select count(*) " + DEMO + " and d.state = ?", state)).as(state).isPositive();
		}
		for (String outcome : List.of("AGREEMENT_WRITTEN", "AGREEMENT_ORAL", "FAILED", "WITHDRAWN", "REFERRED")) {
			assertThat(count("select count(*) " + DEMO + " and d.outcome = ?", outcome)).as(outcome).isPositive();
		}
	}

	@Test
	void everyDisputeIsACompleteCaseFile() {
		assertThat(count("select count(*) " + DEMO
				+ " and (select count(*) from dispute_party p where p.dispute_id = d.id) < 2"))
			.isZero();
		assertThat(count("select count(*) " + DEMO
				+ " and not exists (select 1 from dispute_event e where e.dispute_id = d.id and e.action = 'register')"))
			.isZero();
		// No agreement without a session held.
		assertThat(count("select count(*) " + DEMO + " and (d.state in ('AGREED', 'SETTLED') or (d.state = 'ARCHIVED'"
				+ " and d.outcome in ('AGREEMENT_WRITTEN', 'AGREEMENT_ORAL')))"
				+ " and not exists (select 1 from dispute_session s where s.dispute_id = d.id and s.held_at is not null)"))
			.isZero();
		assertThat(count("select count(*) " + DEMO + " and d.outcome in ('AGREEMENT_WRITTEN', 'AGREEMENT_ORAL')"
				+ " and not exists (select 1 from dispute_agreement a where a.dispute_id = d.id)"))
			.isZero();
		// The row agrees with the last event.
		assertThat(count("select count(*) " + DEMO + " and not exists (select 1 from (select e.to_state, e.to_rung"
				+ " from dispute_event e where e.dispute_id = d.id order by e.id desc limit 1) last"
				+ " where last.to_state = d.state and last.to_rung = d.rung)"))
			.isZero();
		// Settled means a performed follow-up; archived means archived_at; open disputes
		// are within their time limit.
		assertThat(count("select count(*) " + DEMO + " and d.settled_at is not null and d.settled_rung is null"))
			.isZero();
		assertThat(count("select count(*) " + DEMO + " and (d.state = 'ARCHIVED') <> (d.archived_at is not null)"))
			.isZero();
		assertThat(count("select count(*) " + DEMO + " and d.state in ('REGISTERED', 'MEDIATING') and d.rung_due <= "
				+ sqlNow()))
			.isZero();
		assertThat(count("select count(*) " + DEMO + " and d.rung_due <> d.rung_since + interval '30 days'")).isZero();
		// Rooms for every body.
		List<String> rooms = jdbc.sql("select body_code from mediation_room").query(String.class).list();
		assertThat(rooms).containsAll(bodies.bodies().stream().map(MediationBodies.Body::code).toList());
		// A few village centres name their room after a respected mediator, as the county
		// does.
		assertThat(jdbc.sql("select name from mediation_room where name in ('老张说和室', '老李说和室', '保成调解室', '和为贵调解室')")
			.query(String.class)
			.list()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
	}

	@Test
	void nothingHappensInTheFuture() {
		assertThat(
				count("select count(*) " + DEMO + " and greatest(d.registered_at, d.rung_since, d.mediation_started_at,"
						+ " d.agreed_at, d.settled_at, d.closed_at, d.archived_at) > " + sqlNow()))
			.isZero();
		assertThat(count("select count(*) from dispute_event e join dispute d on d.id = e.dispute_id"
				+ " where d.registered_by = 'demo' and e.at > " + sqlNow()))
			.isZero();
		assertThat(count("select count(*) from dispute_session s join dispute d on d.id = s.dispute_id"
				+ " where d.registered_by = 'demo' and greatest(s.starts_at, s.held_at) > " + sqlNow()))
			.isZero();
		assertThat(count("select count(*) from dispute_mediator m join dispute d on d.id = m.dispute_id"
				+ " where d.registered_by = 'demo' and greatest(m.assigned_at, m.released_at) > " + sqlNow()))
			.isZero();
		assertThat(count("select count(*) from dispute_follow_up f join dispute d on d.id = f.dispute_id"
				+ " where d.registered_by = 'demo' and f.visited_at > " + sqlNow()))
			.isZero();
		assertThat(count("select count(*) from dispute_agreement a join dispute d on d.id = a.dispute_id"
				+ " where d.registered_by = 'demo' and greatest(a.agreed_on, a.confirmation_applied_on, a.confirmation_decided_on)"
				+ " > (" + sqlNow() + " at time zone 'Asia/Shanghai')::date"))
			.isZero();
	}

	@Test
	void partiesIdNumbersAreSealedValidNumbers() {
		var sealed = jdbc
			.sql("select p.id_number_key, p.id_number_sealed, p.id_number_hash, p.id_number_masked"
					+ " from dispute_party p join dispute d on d.id = p.dispute_id where d.registered_by = 'demo'"
					+ " and p.id_number_sealed is not null order by p.id limit 500")
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4) })
			.list();
		assertThat(sealed).hasSizeGreaterThan(100);
		for (Object[] row : sealed) {
			String id = cipher.open((String) row[0], (byte[]) row[1]);
			assertThat(PersonalData.isValidIdNumber(id)).as(id).isTrue();
			assertThat(id).startsWith("610824");
			assertThat(cipher.lookupHash(id)).isEqualTo(row[2]);
			assertThat(PersonalData.maskIdNumber(id)).isEqualTo(row[3]);
		}
	}

	@Test
	void betterYearOnYearAsTheSeedReports() {
		java.time.YearMonth now = java.time.YearMonth.now(clock);
		var scope = org.fengqiao.organisation.DataScope.county();
		DisputeFigures.Figures older = figures.totals("610824", now.minusYears(2).withMonth(1),
				now.minusYears(2).withMonth(12), scope);
		DisputeFigures.Figures last = figures.totals("610824", now.minusYears(1).withMonth(1),
				now.minusYears(1).withMonth(12), scope);
		DisputeFigures.Figures current = figures.totals("610824", now.withMonth(1), now, scope);
		assertThat(last.screened()).isGreaterThan(older.screened());
		assertThat(last.successRate().doubleValue()).isBetween(0.86, 0.93);
		if (java.time.LocalDate.now(clock).getDayOfYear() >= 20) {
			// (Early January the year to date has nothing mediated to compare.)
			assertThat(current.successRate().doubleValue() - last.successRate().doubleValue()).isGreaterThan(0.05);
		}
		// Civil-to-criminal risk: fewer cases a year.
		String inYear = " and extract(year from d.registered_at at time zone 'Asia/Shanghai') = ";
		assertThat(count("select count(*) " + DEMO + " and d.criminal_risk" + inYear + (now.getYear() - 1)))
			.isLessThan(count("select count(*) " + DEMO + " and d.criminal_risk" + inYear + (now.getYear() - 2)));
	}

	@Test
	void runsOnlyOnce() {
		int disputes = count("select count(*) " + DEMO);
		int rooms = count("select count(*) from mediation_room");
		demo.run(null);
		assertThat(count("select count(*) " + DEMO)).isEqualTo(disputes);
		assertThat(count("select count(*) from mediation_room")).isEqualTo(rooms);
	}

	private int count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	/**
	 * The test clock's instant as an SQL literal: the database's own now() is the
	 * machine's, not the suite's.
	 */
	private String sqlNow() {
		return "'" + clock.instant() + "'::timestamptz";
	}

}
