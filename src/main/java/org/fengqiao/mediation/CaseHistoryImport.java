package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.fengqiao.platform.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads mediation history in bulk, for example a county's case files from its previous
 * system or the demo's year of disputes: mediation rooms, and disputes with their
 * parties, events, mediators, sessions, agreements and follow-ups, as they stand. The
 * records carry plain party data, sealed here as the module seals every party; states,
 * rungs, kinds and outcomes are the names the module stores. Rows are written a few
 * hundred at a time as multi-row inserts.
 */
@Component
public class CaseHistoryImport {

	/** A mediation room of a mediation body. */
	public record Room(String code, String name, String bodyCode, String areaCode) {
	}

	/** A dispute as it stands. */
	public record PastDispute(UUID id, String source, String sourceRef, String description, Double lon, Double lat,
			String villageCode, String gridCode, String rung, String state, Instant registeredAt, String trackingCode,
			String disputeType, BigDecimal amount, int peopleCount, String riskColour, String riskProposed,
			boolean criminalRisk, boolean criminalRiskProposed, List<String> riskRules, String areaCode,
			String townshipCode, String bodyCode, Instant rungSince, Instant rungDue, Instant mediationStartedAt,
			String outcome, String referredTo, Instant agreedAt, Instant settledAt, String settledRung,
			Instant closedAt, Instant archivedAt, String registeredBy, boolean petitionRisk,
			boolean petitionRiskProposed) {
	}

	/** A party with its plain ID number, phone, name and address (sealed on import). */
	public record PastParty(UUID disputeId, String side, String kind, String name, String idNumber, String phone,
			String villageCode, String address) {
	}

	/** A step of a dispute's history. */
	public record PastEvent(UUID disputeId, String action, String actor, Instant at, String fromState, String toState,
			String fromRung, String toRung, String bodyCode, String reason) {
	}

	/** A mediator on a dispute, released or still on it. */
	public record PastMediator(UUID disputeId, long personId, String role, Instant assignedAt, String assignedBy,
			Instant releasedAt) {
	}

	/** A mediation session held. */
	public record PastSession(UUID disputeId, String roomCode, Instant startsAt, String attendees, String minutes,
			Instant heldAt, String recordedBy) {
	}

	/** A mediation agreement and its judicial confirmation, if any. */
	public record PastAgreement(UUID disputeId, String kind, String facts, String obligations, String performance,
			LocalDate performanceDue, BigDecimal amount, LocalDate agreedOn, LocalDate confirmationDue,
			LocalDate confirmationAppliedOn, String confirmationCourt, String confirmationResult,
			LocalDate confirmationDecidedOn) {
	}

	/** A follow-up visit, due or made. */
	public record PastFollowUp(UUID disputeId, LocalDate dueOn, Instant visitedAt, String visitor, Boolean performed,
			String notes) {
	}

	/** Everything to load at once. */
	public record History(List<Room> rooms, List<PastDispute> disputes, List<PastParty> parties, List<PastEvent> events,
			List<PastMediator> mediators, List<PastSession> sessions, List<PastAgreement> agreements,
			List<PastFollowUp> followUps) {
	}

	private final FieldCipher cipher;

	private final JdbcTemplate jdbc;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final java.time.Clock clock;

	CaseHistoryImport(FieldCipher cipher, JdbcTemplate jdbc,
			org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock) {
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** Whether any mediation room is stored yet. */
	public boolean hasRooms() {
		return jdbc.queryForObject("select count(*) from mediation_room", Integer.class) > 0;
	}

	/**
	 * Stores the history in one transaction and publishes {@link DisputeHistoryImported}.
	 */
	@Transactional
	public void load(History h) {
		batch("insert into mediation_room (code, name, body_code, area_code) values (?, ?, ?, ?)",
				rows(h.rooms(), r -> new Object[] { r.code(), r.name(), r.bodyCode(), r.areaCode() }), Types.VARCHAR,
				Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);
		batch("""
				insert into dispute (id, source, source_ref, description, lon, lat, village_code, grid_code, rung, state,
				    registered_at, tracking_code, dispute_type, amount, people_count, risk_colour, risk_proposed, criminal_risk,
				    criminal_risk_proposed, risk_rules, area_code, township_code, body_code, rung_since, rung_due,
				    mediation_started_at, outcome, referred_to, agreed_at, settled_at, settled_rung, closed_at, archived_at,
				    registered_by, petition_risk, petition_risk_proposed, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as varchar(20)[]), ?, ?, ?, ?, ?, ?, ?, ?,
				    ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
				rows(h.disputes(), d -> new Object[] { d.id(), d.source(), d.sourceRef(), d.description(), d.lon(),
						d.lat(), d.villageCode(), d.gridCode(), d.rung(), d.state(), ts(d.registeredAt()),
						d.trackingCode(), d.disputeType(), d.amount(), d.peopleCount(), d.riskColour(),
						d.riskProposed(), d.criminalRisk(), d.criminalRiskProposed(),
						"{" + String.join(",", d.riskRules()) + "}", d.areaCode(), d.townshipCode(), d.bodyCode(),
						ts(d.rungSince()), ts(d.rungDue()), ts(d.mediationStartedAt()), d.outcome(), d.referredTo(),
						ts(d.agreedAt()), ts(d.settledAt()), d.settledRung(), ts(d.closedAt()), ts(d.archivedAt()),
						d.registeredBy(), d.petitionRisk(), d.petitionRiskProposed() }),
				Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.DOUBLE, Types.VARCHAR,
				Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR,
				Types.NUMERIC, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN, Types.VARCHAR,
				Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP,
				Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP,
				Types.TIMESTAMP, Types.VARCHAR, Types.BOOLEAN, Types.BOOLEAN);
		batch("""
				insert into dispute_party (dispute_id, side, kind, id_number_key, id_number_sealed, id_number_hash,
				    id_number_masked, phone_key, phone_sealed, phone_hash, phone_masked, village_code, party_key,
				    name_key, name_sealed, name_hash, address_key, address_sealed)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows(h.parties(), this::sealed),
				Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARBINARY, Types.VARCHAR, Types.VARCHAR,
				Types.VARCHAR, Types.VARBINARY, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
				Types.VARCHAR, Types.VARBINARY, Types.VARCHAR, Types.VARCHAR, Types.VARBINARY);
		batch("""
				insert into dispute_event (dispute_id, action, actor, at, from_state, to_state, from_rung, to_rung, body_code, reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				rows(h.events(),
						e -> new Object[] { e.disputeId(), e.action(), e.actor(), ts(e.at()), e.fromState(),
								e.toState(), e.fromRung(), e.toRung(), e.bodyCode(), e.reason() }),
				Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
				Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);
		batch("""
				insert into dispute_mediator (dispute_id, person_id, role, assigned_at, assigned_by, released_at)
				values (?, ?, ?, ?, ?, ?)""",
				rows(h.mediators(),
						m -> new Object[] { m.disputeId(), m.personId(), m.role(), ts(m.assignedAt()), m.assignedBy(),
								ts(m.releasedAt()) }),
				Types.OTHER, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP);
		batch("""
				insert into dispute_session (dispute_id, room_code, starts_at, attendees, minutes, held_at, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?)""",
				rows(h.sessions(),
						s -> new Object[] { s.disputeId(), s.roomCode(), ts(s.startsAt()), s.attendees(), s.minutes(),
								ts(s.heldAt()), s.recordedBy() }),
				Types.OTHER, Types.VARCHAR, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP,
				Types.VARCHAR);
		batch("""
				insert into dispute_agreement (dispute_id, kind, facts, obligations, performance, performance_due, amount,
				    agreed_on, confirmation_due, confirmation_applied_on, confirmation_court, confirmation_result,
				    confirmation_decided_on)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				rows(h.agreements(),
						a -> new Object[] { a.disputeId(), a.kind(), a.facts(), a.obligations(), a.performance(),
								date(a.performanceDue()), a.amount(), date(a.agreedOn()), date(a.confirmationDue()),
								date(a.confirmationAppliedOn()), a.confirmationCourt(), a.confirmationResult(),
								date(a.confirmationDecidedOn()) }),
				Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.NUMERIC,
				Types.DATE, Types.DATE, Types.DATE, Types.VARCHAR, Types.VARCHAR, Types.DATE);
		batch("""
				insert into dispute_follow_up (dispute_id, due_on, visited_at, visitor, performed, notes)
				values (?, ?, ?, ?, ?, ?)""",
				rows(h.followUps(),
						f -> new Object[] { f.disputeId(), date(f.dueOn()), ts(f.visitedAt()), f.visitor(),
								f.performed(), f.notes() }),
				Types.OTHER, Types.DATE, Types.TIMESTAMP, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR);
		// Published in the load's transaction: listeners hear it once the rows are
		// committed.
		events.publishEvent(new DisputeHistoryImported(h.disputes().size(), clock.instant()));
	}

	/**
	 * The party's row: ID number, phone, name and address sealed, with hashes and masks.
	 */
	private Object[] sealed(PastParty p) {
		SealedContact id = SealedContact.idNumber(cipher, p.idNumber());
		SealedContact phone = SealedContact.phone(cipher, p.phone());
		String partyKey = Disputes.partyKey(cipher, id.hash(), p.kind(), p.name(), p.villageCode());
		Object[] name = Disputes.sealNameAndAddress(cipher, p.name(), p.address());
		return new Object[] { p.disputeId(), p.side(), p.kind(), id.keyId(), id.sealed(), id.hash(), id.masked(),
				phone.keyId(), phone.sealed(), phone.hash(), phone.masked(), p.villageCode(), partyKey, name[0],
				name[1], name[2], name[3], name[4] };
	}

	/**
	 * Inserts the rows a few hundred at a time, as multi-row inserts (the statement's
	 * values tuple repeated).
	 */
	private void batch(String sql, List<Object[]> rows, int... types) {
		int values = sql.lastIndexOf("values") + "values".length();
		String head = sql.substring(0, values);
		String tuple = sql.substring(values).strip();
		int perStatement = Math.min(500, 30_000 / types.length);
		for (int from = 0; from < rows.size(); from += perStatement) {
			List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
			jdbc.update(head + " " + String.join(", ", Collections.nCopies(chunk.size(), tuple)), ps -> {
				int index = 1;
				for (Object[] row : chunk) {
					for (int column = 0; column < row.length; column++) {
						StatementCreatorUtils.setParameterValue(ps, index++, types[column], row[column]);
					}
				}
			});
		}
	}

	private static <T> List<Object[]> rows(List<T> records, Function<T, Object[]> row) {
		List<Object[]> rows = new ArrayList<>(records.size());
		records.forEach(r -> rows.add(row.apply(r)));
		return rows;
	}

	private static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	private static Date date(LocalDate d) {
		return d == null ? null : Date.valueOf(d);
	}

}
