package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the figures need to know about each dispute, with the definitions of
 * {@link DisputeFigures}: the statistics module counts these facts (it never reads
 * mediation's tables), re-reading a dispute on every {@link DisputeChanged} and all of
 * them after a {@link DisputeHistoryImported}.
 */
@Component
public class DisputeFacts {

	/**
	 * The facts of one dispute.
	 *
	 * @param mediated mediation started and ended (settled, terminated, withdrawn,
	 * referred, archived)
	 * @param underway mediation started and not ended
	 * @param settledRung the rung it was settled on, or null
	 * @param amount the agreement's amount when settled, else null
	 */
	public record Fact(UUID id, Instant registeredAt, String townshipCode, String areaCode, String source,
			String disputeType, String riskColour, boolean mediated, boolean underway, boolean settled,
			String settledRung, boolean criminalRisk, boolean petitionRisk, int peopleCount, BigDecimal amount) {

		/** Settled on the villagers' group or village rung (小事不出村). */
		public boolean settledInVillage() {
			return settled && ("GROUP_TEAM".equals(settledRung) || "VILLAGE_CENTRE".equals(settledRung));
		}

		/** Settled below the county (大事不出镇). */
		public boolean settledInTown() {
			return settled && !"COUNTY".equals(settledRung);
		}

	}

	private static final String SELECT = """
			select d.id, d.registered_at, d.township_code, coalesce(d.area_code, d.village_code) area_code, d.source,
			       d.dispute_type, d.risk_colour, d.state, d.mediation_started_at is not null started,
			       d.settled_at is not null settled, d.settled_rung, d.criminal_risk, d.petition_risk, d.people_count,
			       a.amount
			  from dispute d left join dispute_agreement a on a.dispute_id = d.id""";

	private final JdbcClient jdbc;

	DisputeFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The facts of these disputes (those that exist). */
	@Transactional(readOnly = true)
	public List<Fact> of(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where d.id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(DisputeFacts::map)
			.list();
	}

	/** Every dispute's facts, streamed. */
	@Transactional(readOnly = true)
	public void forEach(Consumer<Fact> consumer) {
		try (var facts = jdbc.sql(SELECT + " order by d.id").withFetchSize(2000).query(DisputeFacts::map).stream()) {
			facts.forEach(consumer);
		}
	}

	private static Fact map(ResultSet rs, int n) throws SQLException {
		String state = rs.getString("state");
		boolean ongoing = state.equals("REGISTERED") || state.equals("MEDIATING") || state.equals("AGREED");
		boolean started = rs.getBoolean("started");
		boolean settled = rs.getBoolean("settled");
		return new Fact(rs.getObject("id", UUID.class), rs.getTimestamp("registered_at").toInstant(),
				rs.getString("township_code"), rs.getString("area_code"), rs.getString("source"),
				rs.getString("dispute_type"), rs.getString("risk_colour"), started && !ongoing, started && ongoing,
				settled, rs.getString("settled_rung"), rs.getBoolean("criminal_risk"), rs.getBoolean("petition_risk"),
				rs.getInt("people_count"), settled ? rs.getBigDecimal("amount") : null);
	}

}
