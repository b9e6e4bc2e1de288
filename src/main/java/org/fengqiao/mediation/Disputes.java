package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores disputes: the aggregate's state with an optimistic version, its moves, and the
 * case file around it (parties, mediators, recusals, sessions, agreement, follow-ups).
 * Reads for people apply their data scope in SQL.
 */
@Repository
class Disputes {

	/** A dispute as loaded, with the version its save must still find. */
	record Loaded(Dispute dispute, int version, Facts facts) {
	}

	/** What a dispute is about; set at registration. */
	record Facts(String trackingCode, String source, String sourceRef, DisputeType type, String description,
			BigDecimal amount, int peopleCount, String villageCode, String townshipCode, String areaCode,
			String gridCode, Double lon, Double lat, Instant registeredAt, String registeredBy, boolean petitionRisk,
			List<String> riskRules) {
	}

	/**
	 * A party to store, its ID and phone numbers already sealed; its name and address are
	 * sealed when stored ({@link #insertParty}) and opened when read ({@link #parties}).
	 */
	record NewParty(String side, String kind, String name, String idKey, byte[] idSealed, String idHash,
			String idMasked, String phoneKey, byte[] phoneSealed, String phoneHash, String phoneMasked,
			String villageCode, String address, String partyKey) {
	}

	/** A party as staff see it: ID and phone numbers masked. */
	@Schema(name = "DisputeParty")
	record Party(long id, String side, String kind, String name, @Schema(description = "masked") String idNumber,
			@Schema(description = "masked") String phone, String villageCode, String address) {
	}

	/** One step of a dispute's history: a change of state or rung, or a note. */
	@Schema(name = "DisputeHistoryEntry")
	record HistoryEntry(String action, String actor, Instant at, @Schema(description = "state before") String from,
			@Schema(description = "state after") String to, String fromRung, String toRung, String bodyCode,
			String reason) {
	}

	/** A mediator on the case. */
	record Assignment(long personId, String role, Instant assignedAt, String assignedBy) {
	}

	/** A mediator who recused from the case. */
	@Schema(name = "DisputeRecusal")
	record Recusal(long personId, String reason, Instant recordedAt) {
	}

	/** A named mediation room of a body (e.g. 老张说和室). */
	@Schema(name = "MediationRoom")
	record Room(String code, String name, String bodyCode, String areaCode) {
	}

	/** A mediation session, scheduled or held ({@code heldAt}). */
	@Schema(name = "MediationSession")
	record Session(long id, String roomCode, String roomName, Instant startsAt, String attendees, String minutes,
			Instant heldAt) {
	}

	/** The agreement reached, with its judicial confirmation (if applied for). */
	@Schema(name = "MediationAgreement")
	record Agreement(@Schema(description = "WRITTEN or ORAL") String kind, String facts, String obligations,
			String performance, LocalDate performanceDue, BigDecimal amount, LocalDate agreedOn,
			@Schema(description = "the last day to apply for judicial confirmation") LocalDate confirmationDue,
			LocalDate confirmationAppliedOn, String confirmationCourt,
			@Schema(description = "CONFIRMED or REJECTED") String confirmationResult, LocalDate confirmationDecidedOn) {
	}

	/** A follow-up visit after the agreement, due or made ({@code visitedAt}). */
	@Schema(name = "DisputeFollowUp")
	record FollowUp(LocalDate dueOn, Instant visitedAt, String visitor, Boolean performed, String notes) {
	}

	/**
	 * Someone changed the dispute since it was loaded (a conflict of type
	 * {@code concurrent-change}).
	 */
	static final class ConcurrentChange extends DomainException {

		ConcurrentChange(UUID id) {
			super(Kind.CONFLICT, "concurrent-change", "Dispute " + id + " was changed by someone else; load it again");
		}

	}

	private static final String COLUMNS = """
			d.id, d.state, d.rung, d.body_code, d.rung_since, d.rung_due, d.risk_colour, d.criminal_risk, d.outcome,
			d.referred_to, d.mediation_started_at, d.agreed_at, d.settled_at, d.settled_rung, d.closed_at, d.archived_at,
			d.version, d.tracking_code, d.source, d.source_ref, d.dispute_type, d.description, d.amount, d.people_count,
			d.village_code, d.township_code, d.area_code, d.grid_code, d.lon, d.lat, d.registered_at, d.registered_by,
			d.petition_risk, d.risk_rules""";

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	private final org.springframework.context.ApplicationEventPublisher events;

	Disputes(JdbcClient jdbc, FieldCipher cipher, org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * The keyed hash of a party's normalised name: exact search by name without keeping
	 * names in the clear.
	 */
	static String nameHash(FieldCipher cipher, String name) {
		return cipher.lookupHash("NAME:" + PersonalData.normaliseName(name));
	}

	/**
	 * Who a party is across disputes: the ID number's hash, or, for those without one, a
	 * keyed hash of the kind, the normalised name and the village (the earlier-disputes
	 * risk rule matches parties by it).
	 */
	static String partyKey(FieldCipher cipher, String idHash, String kind, String name, String villageCode) {
		return idHash != null ? idHash : cipher.lookupHash(
				"N:" + kind + ":" + PersonalData.normaliseName(name) + ":" + (villageCode == null ? "" : villageCode));
	}

	/**
	 * The party's name and address sealed for storage: name key, sealed name, name hash,
	 * address key, sealed address.
	 */
	static Object[] sealNameAndAddress(FieldCipher cipher, String name, String address) {
		FieldCipher.Sealed n = cipher.seal(name);
		FieldCipher.Sealed a = address == null ? null : cipher.seal(address);
		return new Object[] { n.keyId(), n.value(), nameHash(cipher, name), a == null ? null : a.keyId(),
				a == null ? null : a.value() };
	}

	/**
	 * Stores a new dispute with its parties and first move; false when its source record
	 * is already a dispute.
	 */
	boolean insert(Dispute d, Facts f, RiskRules.Proposal proposal, String overrideReason, List<NewParty> parties) {
		int created = jdbc
			.sql("""
					insert into dispute (id, source, source_ref, category_code, description, lon, lat, village_code, grid_code, rung,
					    state, registered_at, tracking_code, dispute_type, amount, people_count, risk_colour, risk_proposed,
					    criminal_risk, criminal_risk_proposed, risk_rules, risk_override_reason, area_code, township_code, body_code,
					    rung_since, rung_due, registered_by, petition_risk, petition_risk_proposed)
					values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (source, source_ref) do nothing""")
			.params(d.id, f.source(), f.sourceRef(), f.description(), f.lon(), f.lat(), f.villageCode(), f.gridCode(),
					d.rung().name(), d.state().name(), ts(f.registeredAt()), f.trackingCode(), f.type().name(),
					f.amount(), f.peopleCount(), d.riskColour().name(), proposal.colour().name(), d.criminalRisk(),
					proposal.criminal(), proposal.rules().toArray(String[]::new), overrideReason, f.areaCode(),
					f.townshipCode(), d.bodyCode(), ts(d.rungSince()), ts(d.rungDue()), f.registeredBy(),
					f.petitionRisk(), proposal.petition())
			.update();
		if (created == 0) {
			return false;
		}
		for (NewParty p : parties) {
			insertParty(d.id, p);
		}
		insertMoves(d);
		events.publishEvent(new DisputeChanged(d.id));
		return true;
	}

	void insertParty(UUID id, NewParty p) {
		Object[] sealed = sealNameAndAddress(cipher, p.name(), p.address());
		jdbc.sql("""
				insert into dispute_party (dispute_id, side, kind, id_number_key, id_number_sealed, id_number_hash,
				    id_number_masked, phone_key, phone_sealed, phone_hash, phone_masked, village_code, party_key,
				    name_key, name_sealed, name_hash, address_key, address_sealed)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, p.side(), p.kind(), p.idKey(), p.idSealed(), p.idHash(), p.idMasked(), p.phoneKey(),
					p.phoneSealed(), p.phoneHash(), p.phoneMasked(), p.villageCode(), p.partyKey(), sealed[0],
					sealed[1], sealed[2], sealed[3], sealed[4])
			.update();
	}

	/**
	 * Seals the names and addresses of parties stored in the clear (before V16), a batch
	 * at a time, and re-keys those identified by name with the normalised name. Returns
	 * how many were sealed.
	 */
	int sealPlainParties(int batch) {
		record Plain(long id, String kind, String name, String address, String village, String idHash) {
		}
		List<Plain> plain = jdbc.sql("""
				select id, kind, name, address, village_code, id_number_hash from dispute_party
				where name is not null or address is not null order by id limit ? for update skip locked""")
			.param(batch)
			.query((rs, n) -> new Plain(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
		for (Plain p : plain) {
			Object[] sealed = sealNameAndAddress(cipher, p.name() == null ? "" : p.name(), p.address());
			jdbc.sql("""
					update dispute_party set name = null, address = null, name_key = ?, name_sealed = ?, name_hash = ?,
					    address_key = ?, address_sealed = ?, party_key = ? where id = ?""")
				.params(sealed[0], sealed[1], sealed[2], sealed[3], sealed[4],
						partyKey(cipher, p.idHash(), p.kind(), p.name() == null ? "" : p.name(), p.village()), p.id())
				.update();
		}
		return plain.size();
	}

	Optional<UUID> idOfSource(String source, String sourceRef) {
		return jdbc.sql("select id from dispute where source = ? and source_ref = ?")
			.params(source, sourceRef)
			.query(UUID.class)
			.optional();
	}

	Optional<UUID> idOfTrackingCode(String code) {
		return jdbc.sql("select id from dispute where tracking_code = ?").param(code).query(UUID.class).optional();
	}

	Optional<Loaded> load(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from dispute d where d.id = ?")
			.param(id)
			.query(Disputes::map)
			.optional();
	}

	/**
	 * Loads and locks a dispute for a change that must not interleave with another (the
	 * ladder clock).
	 */
	Optional<Loaded> loadForUpdate(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from dispute d where d.id = ? for update")
			.param(id)
			.query(Disputes::map)
			.optional();
	}

	/**
	 * Writes the aggregate's state and its new moves; refuses when the stored version
	 * moved on.
	 */
	void save(Dispute d, int version) {
		int updated = jdbc
			.sql("""
					update dispute set state = ?, rung = ?, body_code = ?, rung_since = ?, rung_due = ?, risk_colour = ?,
					    criminal_risk = ?, outcome = ?, referred_to = ?, mediation_started_at = ?, agreed_at = ?, settled_at = ?,
					    settled_rung = ?, closed_at = ?, archived_at = ?, version = version + 1
					where id = ? and version = ?""")
			.params(d.state().name(), d.rung().name(), d.bodyCode(), ts(d.rungSince()), ts(d.rungDue()),
					d.riskColour().name(), d.criminalRisk(), name(d.outcome()), name(d.referredTo()),
					ts(d.mediationStartedAt()), ts(d.agreedAt()), ts(d.settledAt()), name(d.settledRung()),
					ts(d.closedAt()), ts(d.archivedAt()), d.id, version)
			.update();
		if (updated == 0) {
			throw new ConcurrentChange(d.id);
		}
		insertMoves(d);
		events.publishEvent(new DisputeChanged(d.id));
	}

	void setOverrideReason(UUID id, String reason) {
		jdbc.sql("update dispute set risk_override_reason = ? where id = ?").params(reason, id).update();
	}

	private void insertMoves(Dispute d) {
		for (Dispute.Move m : d.recorded()) {
			jdbc.sql(
					"""
							insert into dispute_event (dispute_id, action, actor, at, from_state, to_state, from_rung, to_rung, body_code, reason)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(d.id, m.action(), m.actor(), ts(m.at()), name(m.from()), m.to().name(), name(m.fromRung()),
						m.toRung().name(), m.bodyCode(), m.reason())
				.update();
		}
		d.clearRecorded();
	}

	/**
	 * Disputes whose rung's time limit has passed and that can still climb, oldest first,
	 * skipping locked ones.
	 */
	List<UUID> overdue(Instant now, int limit) {
		return jdbc.sql("""
				select id from dispute where state in ('REGISTERED', 'MEDIATING') and rung <> 'COUNTY' and rung_due <= ?
				order by rung_due limit ? for update skip locked""").params(ts(now), limit).query(UUID.class).list();
	}

	// --- the case file
	// ----------------------------------------------------------------------------------------

	/**
	 * How many earlier disputes share at least two of these parties (one, when only one
	 * is known).
	 */
	int earlierDisputesBetween(List<String> partyKeys) {
		List<String> distinct = partyKeys.stream().distinct().toList();
		if (distinct.isEmpty()) {
			return 0;
		}
		int needed = Math.min(2, distinct.size());
		return jdbc.sql("""
				select count(*) from (select dispute_id from dispute_party where party_key = any(?)
				                      group by dispute_id having count(distinct party_key) >= ?) x""")
			.params(distinct.toArray(String[]::new), needed)
			.query(Integer.class)
			.single();
	}

	List<Party> parties(UUID id) {
		return jdbc.sql("""
				select id, side, kind, name_key, name_sealed, id_number_masked, phone_masked, village_code, address_key,
				       address_sealed, name, address
				from dispute_party where dispute_id = ? order by id""")
			.param(id)
			.query((rs, n) -> new Party(rs.getLong("id"), rs.getString("side"), rs.getString("kind"), open(rs, "name"),
					rs.getString("id_number_masked"), rs.getString("phone_masked"), rs.getString("village_code"),
					open(rs, "address")))
			.list();
	}

	/**
	 * A sealed column opened ({@code <column>_key}, {@code <column>_sealed}); a row not
	 * yet sealed gives its plain value.
	 */
	private String open(ResultSet rs, String column) throws SQLException {
		byte[] sealed = rs.getBytes(column + "_sealed");
		return sealed == null ? rs.getString(column) : cipher.open(rs.getString(column + "_key"), sealed);
	}

	/**
	 * The parties' ID and phone numbers opened, by party id (for the signed agreement
	 * only).
	 */
	Map<Long, String[]> partiesInFull(UUID id, org.fengqiao.platform.FieldCipher cipher) {
		Map<Long, String[]> plain = new LinkedHashMap<>();
		jdbc.sql(
				"select id, id_number_key, id_number_sealed, phone_key, phone_sealed from dispute_party where dispute_id = ?")
			.param(id)
			.query((rs, n) -> plain.put(rs.getLong(1),
					new String[] { rs.getBytes(3) == null ? null : cipher.open(rs.getString(2), rs.getBytes(3)),
							rs.getBytes(5) == null ? null : cipher.open(rs.getString(4), rs.getBytes(5)) }))
			.list();
		return plain;
	}

	List<String> partyVillages(UUID id) {
		return jdbc
			.sql("select distinct village_code from dispute_party where dispute_id = ? and village_code is not null")
			.param(id)
			.query(String.class)
			.list();
	}

	List<HistoryEntry> history(UUID id) {
		return jdbc.sql("""
				select action, actor, at, from_state, to_state, from_rung, to_rung, body_code, reason from dispute_event
				where dispute_id = ? order by id""")
			.param(id)
			.query((rs, n) -> new HistoryEntry(rs.getString("action"), rs.getString("actor"), instant(rs, "at"),
					rs.getString("from_state"), rs.getString("to_state"), rs.getString("from_rung"),
					rs.getString("to_rung"), rs.getString("body_code"), rs.getString("reason")))
			.list();
	}

	/** The mediators currently on the case. */
	List<Assignment> mediators(UUID id) {
		return jdbc.sql("""
				select person_id, role, assigned_at, assigned_by from dispute_mediator
				where dispute_id = ? and released_at is null order by assigned_at, person_id""")
			.param(id)
			.query((rs, n) -> new Assignment(rs.getLong("person_id"), rs.getString("role"), instant(rs, "assigned_at"),
					rs.getString("assigned_by")))
			.list();
	}

	boolean isAssigned(UUID id, long personId) {
		return jdbc
			.sql("select count(*) from dispute_mediator where dispute_id = ? and person_id = ? and released_at is null")
			.params(id, personId)
			.query(Integer.class)
			.single() > 0;
	}

	void assign(UUID id, long personId, String role, Instant now, String actor) {
		jdbc.sql(
				"""
						insert into dispute_mediator (dispute_id, person_id, role, assigned_at, assigned_by) values (?, ?, ?, ?, ?)
						on conflict (dispute_id, person_id) do update set role = excluded.role, assigned_at = excluded.assigned_at,
						    assigned_by = excluded.assigned_by, released_at = null""")
			.params(id, personId, role, ts(now), actor)
			.update();
	}

	/** Releases the case's mediators (the dispute moved to another body). */
	void releaseAll(UUID id, Instant now) {
		jdbc.sql("update dispute_mediator set released_at = ? where dispute_id = ? and released_at is null")
			.params(ts(now), id)
			.update();
	}

	/** Releases one mediator (they recused). */
	void release(UUID id, long personId, Instant now) {
		jdbc.sql(
				"update dispute_mediator set released_at = ? where dispute_id = ? and person_id = ? and released_at is null")
			.params(ts(now), id, personId)
			.update();
	}

	/** Whether a person with this ID-number hash is a party to the dispute. */
	boolean isParty(UUID id, String idNumberHash) {
		return jdbc.sql("select count(*) from dispute_party where dispute_id = ? and id_number_hash = ?")
			.params(id, idNumberHash)
			.query(Integer.class)
			.single() > 0;
	}

	boolean isRecused(UUID id, long personId) {
		return jdbc.sql("select count(*) from dispute_recusal where dispute_id = ? and person_id = ?")
			.params(id, personId)
			.query(Integer.class)
			.single() > 0;
	}

	void recuse(UUID id, long personId, String reason, Instant now, String actor) {
		jdbc.sql(
				"""
						insert into dispute_recusal (dispute_id, person_id, reason, recorded_at, recorded_by) values (?, ?, ?, ?, ?)
						on conflict do nothing""")
			.params(id, personId, reason, ts(now), actor)
			.update();
	}

	List<Recusal> recusals(UUID id) {
		return jdbc
			.sql("select person_id, reason, recorded_at from dispute_recusal where dispute_id = ? order by recorded_at")
			.param(id)
			.query((rs, n) -> new Recusal(rs.getLong(1), rs.getString(2), instant(rs, "recorded_at")))
			.list();
	}

	Optional<Room> room(String code) {
		return jdbc.sql("select code, name, body_code, area_code from mediation_room where code = ?")
			.param(code)
			.query((rs, n) -> room(rs))
			.optional();
	}

	/**
	 * The rooms of an area and of the bodies above it (the county's included), nearest
	 * first.
	 */
	List<Room> roomsFor(String areaCode) {
		return jdbc.sql("""
				select code, name, body_code, area_code from mediation_room
				where ? like area_code || '%' order by length(area_code) desc, code""")
			.param(areaCode == null ? "" : areaCode)
			.query((rs, n) -> room(rs))
			.list();
	}

	private static Room room(ResultSet rs) throws SQLException {
		return new Room(rs.getString("code"), rs.getString("name"), rs.getString("body_code"),
				rs.getString("area_code"));
	}

	void addRoom(String code, String name, String bodyCode, String areaCode) {
		jdbc.sql("insert into mediation_room (code, name, body_code, area_code) values (?, ?, ?, ?)")
			.params(code, name, bodyCode, areaCode)
			.update();
	}

	long scheduleSession(UUID id, String roomCode, Instant startsAt) {
		return jdbc.sql("insert into dispute_session (dispute_id, room_code, starts_at) values (?, ?, ?) returning id")
			.params(id, roomCode, ts(startsAt))
			.query(Long.class)
			.single();
	}

	int recordSession(UUID id, long sessionId, String attendees, String minutes, Instant now, String actor) {
		return jdbc.sql("""
				update dispute_session set attendees = ?, minutes = ?, held_at = ?, recorded_by = ?
				where id = ? and dispute_id = ? and held_at is null""")
			.params(attendees, minutes, ts(now), actor, sessionId, id)
			.update();
	}

	/**
	 * Sessions held on the dispute since an instant (its arrival on the current rung).
	 */
	int heldSessions(UUID id, Instant since) {
		return jdbc
			.sql("select count(*) from dispute_session where dispute_id = ? and held_at is not null and held_at >= ?")
			.params(id, ts(since == null ? Instant.EPOCH : since))
			.query(Integer.class)
			.single();
	}

	/**
	 * Calls off the sessions not held yet (the dispute left the rung that scheduled
	 * them).
	 */
	void cancelOpenSessions(UUID id) {
		jdbc.sql("delete from dispute_session where dispute_id = ? and held_at is null").param(id).update();
	}

	List<Session> sessions(UUID id) {
		return jdbc
			.sql("""
					select s.id, s.room_code, r.name room_name, s.starts_at, s.attendees, s.minutes, s.held_at
					from dispute_session s join mediation_room r on r.code = s.room_code where s.dispute_id = ? order by s.starts_at, s.id""")
			.param(id)
			.query((rs, n) -> new Session(rs.getLong("id"), rs.getString("room_code"), rs.getString("room_name"),
					instant(rs, "starts_at"), rs.getString("attendees"), rs.getString("minutes"),
					instant(rs, "held_at")))
			.list();
	}

	void insertAgreement(UUID id, String kind, String facts, String obligations, String performance,
			java.time.LocalDate performanceDue, BigDecimal amount, java.time.LocalDate agreedOn,
			java.time.LocalDate confirmationDue) {
		jdbc.sql(
				"""
						insert into dispute_agreement (dispute_id, kind, facts, obligations, performance, performance_due, amount,
						    agreed_on, confirmation_due) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, kind, facts, obligations, performance, date(performanceDue), amount, date(agreedOn),
					date(confirmationDue))
			.update();
		events.publishEvent(new DisputeChanged(id));
	}

	Optional<Agreement> agreement(UUID id) {
		return jdbc.sql("select * from dispute_agreement where dispute_id = ?")
			.param(id)
			.query((rs, n) -> new Agreement(rs.getString("kind"), rs.getString("facts"), rs.getString("obligations"),
					rs.getString("performance"), localDate(rs.getDate("performance_due")), rs.getBigDecimal("amount"),
					localDate(rs.getDate("agreed_on")), localDate(rs.getDate("confirmation_due")),
					localDate(rs.getDate("confirmation_applied_on")), rs.getString("confirmation_court"),
					rs.getString("confirmation_result"), localDate(rs.getDate("confirmation_decided_on"))))
			.optional();
	}

	void applyForConfirmation(UUID id, java.time.LocalDate on, String court) {
		jdbc.sql(
				"update dispute_agreement set confirmation_applied_on = ?, confirmation_court = ? where dispute_id = ?")
			.params(date(on), court, id)
			.update();
	}

	void decideConfirmation(UUID id, String result, java.time.LocalDate on) {
		jdbc.sql(
				"update dispute_agreement set confirmation_result = ?, confirmation_decided_on = ? where dispute_id = ?")
			.params(result, date(on), id)
			.update();
	}

	void scheduleFollowUp(UUID id, java.time.LocalDate due) {
		jdbc.sql("insert into dispute_follow_up (dispute_id, due_on) values (?, ?)").params(id, date(due)).update();
	}

	/** Records the visit on the earliest open follow-up (or a new one, visited now). */
	void recordFollowUp(UUID id, Instant now, java.time.LocalDate today, String visitor, boolean performed,
			String notes) {
		int updated = jdbc
			.sql("""
					update dispute_follow_up set visited_at = ?, visitor = ?, performed = ?, notes = ?
					where id = (select id from dispute_follow_up where dispute_id = ? and visited_at is null order by due_on, id limit 1)""")
			.params(ts(now), visitor, performed, notes, id)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into dispute_follow_up (dispute_id, due_on, visited_at, visitor, performed, notes)
					values (?, ?, ?, ?, ?, ?)""").params(id, date(today), ts(now), visitor, performed, notes).update();
		}
	}

	List<FollowUp> followUps(UUID id) {
		return jdbc.sql(
				"select due_on, visited_at, visitor, performed, notes from dispute_follow_up where dispute_id = ? order by due_on, id")
			.param(id)
			.query((rs, n) -> new FollowUp(localDate(rs.getDate("due_on")), instant(rs, "visited_at"),
					rs.getString("visitor"), rs.getObject("performed", Boolean.class), rs.getString("notes")))
			.list();
	}

	// --- lists within a data scope
	// ----------------------------------------------------------------------------

	/** A row of the dispute list. */
	@Schema(name = "DisputeRow")
	record Row(UUID id, String trackingCode, DisputeType type, Dispute.State state, Rung rung, RiskColour riskColour,
			boolean criminalRisk, String description, String villageCode, String bodyCode, Instant registeredAt,
			Instant rungDue, String source) {
	}

	/**
	 * Disputes in scope, newest first: those in the caller's areas and those the caller
	 * mediates. {@code q} searches the description, the tracking code and the parties'
	 * whole names (by their keyed hash).
	 */
	/**
	 * What a list asks for: state, rung, words; only the caller's own cases
	 * ({@code mine}); open cases past their rung's time limit ({@code overdue}); agreed
	 * cases whose follow-up visit is due ({@code followUpDue}), as of {@code now}.
	 */
	record Filter(String state, String rung, String q, boolean mine, boolean overdue, boolean followUpDue,
			Instant now) {
	}

	List<Row> list(DataScope scope, Long personId, Filter filter, int limit, int offset) {
		String state = filter.state(), rung = filter.rung(), q = filter.q();
		List<Object> params = new ArrayList<>();
		String where = scopeCondition(scope, personId, params);
		if (filter.mine()) {
			where += " and exists (select 1 from dispute_mediator m where m.dispute_id = d.id and m.person_id = ? and m.released_at is null)";
			params.add(personId == null ? -1L : personId);
		}
		if (filter.overdue()) {
			where += " and d.state in ('REGISTERED', 'MEDIATING') and d.rung_due < ?";
			params.add(ts(filter.now()));
		}
		if (filter.followUpDue()) {
			where += " and d.state = 'AGREED' and exists (select 1 from dispute_follow_up f where f.dispute_id = d.id"
					+ " and f.visited_at is null and f.due_on <= ?)";
			params.add(java.sql.Date
				.valueOf(java.time.LocalDate.ofInstant(filter.now(), java.time.ZoneId.of("Asia/Shanghai"))));
		}
		if (state != null && !state.isBlank()) {
			where += " and d.state = ?";
			params.add(state);
		}
		if (rung != null && !rung.isBlank()) {
			where += " and d.rung = ?";
			params.add(rung);
		}
		if (q != null && !q.isBlank()) {
			// Names are sealed: a party is found by its whole name (normalised), through
			// the keyed name hash.
			where += " and (d.description like ? or d.tracking_code = ? or exists (select 1 from dispute_party p where p.dispute_id = d.id and p.name_hash = ?))";
			String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			params.add(like);
			params.add(q.strip().toUpperCase());
			params.add(nameHash(cipher, q));
		}
		params.add(limit);
		params.add(offset);
		return jdbc
			.sql("""
					select d.id, d.tracking_code, d.dispute_type, d.state, d.rung, d.risk_colour, d.criminal_risk, d.description,
					       d.village_code, d.body_code, d.registered_at, d.rung_due, d.source
					from dispute d where %s order by d.registered_at desc, d.id limit ? offset ?"""
				.formatted(where))
			.params(params)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("tracking_code"),
					DisputeType.valueOf(rs.getString("dispute_type")), Dispute.State.valueOf(rs.getString("state")),
					Rung.valueOf(rs.getString("rung")), RiskColour.valueOf(rs.getString("risk_colour")),
					rs.getBoolean("criminal_risk"), rs.getString("description"), rs.getString("village_code"),
					rs.getString("body_code"), rs.getTimestamp("registered_at").toInstant(),
					rs.getTimestamp("rung_due") == null ? null : rs.getTimestamp("rung_due").toInstant(),
					rs.getString("source")))
			.list();
	}

	/**
	 * Whether one dispute is in the caller's scope (the same condition the lists use).
	 */
	boolean inScope(UUID id, DataScope scope, Long personId) {
		List<Object> params = new ArrayList<>();
		String where = scopeCondition(scope, personId, params);
		params.add(0, id);
		return jdbc.sql("select count(*) from dispute d where d.id = ? and " + where)
			.params(params)
			.query(Integer.class)
			.single() > 0;
	}

	static String scopeCondition(DataScope scope, Long personId, List<Object> params) {
		if (scope.all()) {
			return "true";
		}
		params.add(scope.patterns());
		params.add(personId == null ? -1L : personId);
		return """
				(d.area_code like any(?) or exists (select 1 from dispute_mediator m where m.dispute_id = d.id
				  and m.person_id = ? and m.released_at is null))""";
	}

	// --- mapping
	// ----------------------------------------------------------------------------------------------

	private static Loaded map(ResultSet rs, int n) throws SQLException {
		Dispute d = Dispute.restore(rs.getObject("id", UUID.class), Dispute.State.valueOf(rs.getString("state")),
				Rung.valueOf(rs.getString("rung")), rs.getString("body_code"), instant(rs, "rung_since"),
				instant(rs, "rung_due"), RiskColour.valueOf(rs.getString("risk_colour")),
				rs.getBoolean("criminal_risk"),
				rs.getString("outcome") == null ? null : Dispute.Outcome.valueOf(rs.getString("outcome")),
				rs.getString("referred_to") == null ? null : Dispute.Referral.valueOf(rs.getString("referred_to")),
				instant(rs, "mediation_started_at"), instant(rs, "agreed_at"), instant(rs, "settled_at"),
				rs.getString("settled_rung") == null ? null : Rung.valueOf(rs.getString("settled_rung")),
				instant(rs, "closed_at"), instant(rs, "archived_at"));
		Facts f = new Facts(rs.getString("tracking_code"), rs.getString("source"), rs.getString("source_ref"),
				DisputeType.valueOf(rs.getString("dispute_type")), rs.getString("description"),
				rs.getBigDecimal("amount"), rs.getInt("people_count"), rs.getString("village_code"),
				rs.getString("township_code"), rs.getString("area_code"), rs.getString("grid_code"),
				(Double) rs.getObject("lon"), (Double) rs.getObject("lat"), instant(rs, "registered_at"),
				rs.getString("registered_by"), rs.getBoolean("petition_risk"),
				List.of((String[]) rs.getArray("risk_rules").getArray()));
		return new Loaded(d, rs.getInt("version"), f);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	private static java.sql.Date date(java.time.LocalDate d) {
		return d == null ? null : java.sql.Date.valueOf(d);
	}

	private static java.time.LocalDate localDate(java.sql.Date d) {
		return d == null ? null : d.toLocalDate();
	}

	private static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

}
