package org.fengqiao.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, hash-chained audit log: who did what to which record, when, from where, with what result.
 *
 * <p>Changes are recorded in the transaction that makes them, so there is no change without its entry;
 * sensitive reads and refusals are recorded in a transaction of their own, so they stay recorded even when the
 * caller's work is rolled back. Appends are serialised on the chain head, which keeps the sequence gapless.
 * Nothing in the application updates or deletes an entry, and the database refuses to.
 */
@Component
public class AuditLog {

	/** One audit entry as stored. */
	public record Entry(long seq, Instant at, String actor, String action, String recordType, String recordId,
			String origin, String result, String details, String prevHash, String hash) {
	}

	/** The outcome of a verification of the whole chain. */
	public record Verification(boolean valid, long entries, Long firstBadSeq, String problem) {
	}

	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records a change, in the caller's transaction. */
	@Transactional(propagation = Propagation.REQUIRED)
	public void change(String action, String recordType, String recordId, String details) {
		append(currentActor(), action, recordType, recordId, "OK", details);
	}

	/** Records a sensitive read, a refusal or a failure, whatever becomes of the caller's transaction. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void independently(String actor, String action, String recordType, String recordId, String result,
			String details) {
		append(actor == null ? currentActor() : actor, action, recordType, recordId, result, details);
	}

	private void append(String actor, String action, String recordType, String recordId, String result, String details) {
		// Locks the head row: appends queue here, so the sequence has no gaps and the chain no forks.
		var head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.single();
		long seq = (Long) head[0] + 1;
		String prev = (String) head[1];
		Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String origin = currentOrigin();
		String hash = hash(seq, at, actor, action, recordType, recordId, origin, result, details, prev);
		jdbc.sql("""
				insert into audit_entry (seq, at, actor, action, record_type, record_id, origin, result, details, prev_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(seq, Timestamp.from(at), actor, action, recordType, recordId, origin, result, details, prev, hash)
			.update();
		jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
	}

	/** Recomputes the whole chain and compares it with the head; any edit, deletion or insertion shows. */
	@Transactional(readOnly = true)
	public Verification verify() {
		String prev = GENESIS;
		long expected = 1;
		long count = 0;
		List<Entry> batch;
		long after = 0;
		do {
			batch = jdbc.sql("select * from audit_entry where seq > ? order by seq limit 5000").param(after)
				.query((rs, n) -> map(rs))
				.list();
			for (Entry e : batch) {
				if (e.seq() != expected) {
					return new Verification(false, count, expected, "entry " + expected + " is missing");
				}
				if (!e.prevHash().equals(prev)) {
					return new Verification(false, count, e.seq(), "entry " + e.seq() + " does not follow the entry before it");
				}
				String recomputed = hash(e.seq(), e.at(), e.actor(), e.action(), e.recordType(), e.recordId(), e.origin(),
						e.result(), e.details(), e.prevHash());
				if (!recomputed.equals(e.hash())) {
					return new Verification(false, count, e.seq(), "entry " + e.seq() + " was altered");
				}
				prev = e.hash();
				expected++;
				count++;
				after = e.seq();
			}
		}
		while (!batch.isEmpty());
		var head = jdbc.sql("select seq, hash from audit_head where id = 1")
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.single();
		if ((Long) head[0] != count || !head[1].equals(prev)) {
			return new Verification(false, count, count + 1, "the log ends at entry " + count + " but the head records "
					+ head[0] + ": entries were removed from the end");
		}
		return new Verification(true, count, null, null);
	}

	/** Searches the log, newest first. Any filter may be null. */
	@Transactional(readOnly = true)
	public List<Entry> search(String actor, String action, String recordType, String recordId, Instant from,
			Instant to, int limit) {
		StringBuilder sql = new StringBuilder("select * from audit_entry where true");
		List<Object> params = new ArrayList<>();
		if (actor != null) {
			sql.append(" and actor = ?");
			params.add(actor);
		}
		if (action != null) {
			sql.append(" and action = ?");
			params.add(action);
		}
		if (recordType != null) {
			sql.append(" and record_type = ?");
			params.add(recordType);
		}
		if (recordId != null) {
			sql.append(" and record_id = ?");
			params.add(recordId);
		}
		if (from != null) {
			sql.append(" and at >= ?");
			params.add(Timestamp.from(from));
		}
		if (to != null) {
			sql.append(" and at < ?");
			params.add(Timestamp.from(to));
		}
		sql.append(" order by seq desc limit ?");
		params.add(Math.max(1, Math.min(limit, 1000)));
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
	}

	private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
				rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"), rs.getString("origin"),
				rs.getString("result"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	static String hash(long seq, Instant at, String actor, String action, String recordType, String recordId,
			String origin, String result, String details, String prev) {
		String canonical = String.join("\u001f", String.valueOf(seq),
				String.valueOf(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000), actor, action,
				String.valueOf(recordType), String.valueOf(recordId), String.valueOf(origin), result,
				String.valueOf(details), prev);
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String currentActor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null ? "system" : auth.getName();
	}

	private static String currentOrigin() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}
}
