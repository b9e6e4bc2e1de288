package org.fengqiao.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, keyed hash chain of audit entries: who did what to which record, when,
 * from where, with what result.
 *
 * <p>
 * Changes are recorded in the transaction that makes them, so there is no change without
 * its entry; sensitive reads and refusals are recorded in a transaction of their own, so
 * they stay recorded even when the caller's work is rolled back. Appends are serialised
 * on the chain head, which keeps the sequence gapless.
 *
 * <p>
 * Each entry's hash is an HMAC-SHA256, with the audit key ({@code fengqiao.audit.key}),
 * over the previous entry's hash and the entry's canonical content. The key is in the
 * application's configuration, never in the database, so someone who can rewrite the
 * table (a database owner, a superuser, a stolen backup restored) cannot recompute a
 * chain that verifies. Signed checkpoints of the head are appended to a file outside the
 * database ({@code fengqiao.audit.checkpoint-file}) on a schedule and after each
 * successful verification; verification checks the table against the key and against
 * every checkpoint, so removing entries from the end shows too.
 *
 * <p>
 * Entries written before the chain was keyed (plain SHA-256, up to release 0.x) stay as
 * they are: the service may not update the table. They verify as a <em>legacy
 * prefix</em>, allowed only at the start of the log and only when a keyed entry follows;
 * the first keyed entry covers the last legacy hash, so the prefix cannot be rewritten
 * either. At the first start with a key the service appends {@code AUDIT_CHAIN_KEYED} to
 * mark where the keyed segment begins.
 *
 * <p>
 * The service's database role may insert into and read the table but not update, delete,
 * truncate, alter it or disable its triggers (see README, "Database roles"); the
 * append-only trigger stays as a second line.
 */
@Component
public class AuditLog implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	/** One audit entry as stored. */
	public record Entry(long seq, Instant at, String actor, String action, String recordType, String recordId,
			String origin, String result, String details, String prevHash, String hash) {
	}

	/**
	 * The outcome of a verification of the whole chain: whether it is intact, how many
	 * entries it has, the first entry found bad and why, how many signed checkpoints it
	 * was compared with, and how many entries at its start predate the keyed chain.
	 */
	public record Verification(boolean valid, long entries, Long firstBadSeq, String problem, int checkpoints,
			long legacyEntries) {
	}

	/**
	 * {@code fengqiao.audit.*}: the key of the chain and where its checkpoints are kept.
	 */
	@ConfigurationProperties("fengqiao.audit")
	record Settings(String key, Path checkpointFile) {
		Settings {
			checkpointFile = checkpointFile == null ? Path.of("data", "audit-checkpoints.log") : checkpointFile;
		}
	}

	static final String GENESIS = "0".repeat(64);

	static final String KEYED = "AUDIT_CHAIN_KEYED";

	private static final String NULL = "\u0000";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditKey key;

	private final AuditCheckpoints checkpoints;

	private final TransactionTemplate transactions;

	@Autowired
	AuditLog(JdbcClient jdbc, Clock clock, Settings settings, PlatformTransactionManager transactionManager) {
		this(jdbc, clock, new AuditKey(settings.key()), settings.checkpointFile(),
				new TransactionTemplate(transactionManager));
	}

	private AuditLog(JdbcClient jdbc, Clock clock, AuditKey key, Path checkpointFile,
			TransactionTemplate transactions) {
		this(jdbc, clock, key, new AuditCheckpoints(checkpointFile, key), transactions);
	}

	AuditLog(JdbcClient jdbc, Clock clock, AuditKey key, AuditCheckpoints checkpoints,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.key = key;
		this.checkpoints = checkpoints;
		this.transactions = transactions;
	}

	/**
	 * At start: marks where the keyed chain begins when the log still ends in unkeyed
	 * (legacy) entries.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		transactions.executeWithoutResult(status -> {
			Object[] head = lockHead();
			long seq = (Long) head[0];
			if (seq == 0) {
				return;
			}
			Entry last = jdbc.sql("select * from audit_entry where seq = ?")
				.param(seq)
				.query((rs, n) -> map(rs))
				.optional()
				.orElse(null);
			if (last != null && !keyed(last).equals(last.hash())) {
				append(head, "system", KEYED, "audit", null, "OK",
						"entries 1-" + seq + " were chained with unkeyed SHA-256; from entry " + (seq + 1)
								+ " the chain is keyed (HMAC-SHA256)");
				log.info("The audit chain is keyed from entry {}; entries 1-{} stay a legacy prefix", seq + 1, seq);
			}
		});
		if (!hasRewritePrivileges()) {
			return;
		}
		log.warn("The service's database role may update, delete or alter the audit log (owner or superuser): "
				+ "connect as a role with INSERT and SELECT on audit_entry only (README, Database roles)");
	}

	/** Records a change, in the caller's transaction. */
	@Transactional(propagation = Propagation.REQUIRED)
	public void change(String action, String recordType, String recordId, String details) {
		append(lockHead(), currentActor(), action, recordType, recordId, "OK", details);
	}

	/**
	 * Records a sensitive read, a refusal or a failure, whatever becomes of the caller's
	 * transaction.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void independently(String actor, String action, String recordType, String recordId, String result,
			String details) {
		append(lockHead(), actor == null ? currentActor() : actor, action, recordType, recordId, result, details);
	}

	/**
	 * Whether the service's own database role could rewrite the log (superuser, owner, or
	 * update/delete granted).
	 */
	public boolean hasRewritePrivileges() {
		return jdbc.sql("""
				select r.rolsuper or pg_has_role(current_user, c.relowner, 'USAGE')
				       or has_table_privilege('audit_entry', 'UPDATE') or has_table_privilege('audit_entry', 'DELETE')
				       or has_table_privilege('audit_entry', 'TRUNCATE')
				from pg_roles r, pg_class c where r.rolname = current_user and c.oid = 'audit_entry'::regclass""")
			.query(Boolean.class)
			.single();
	}

	private Object[] lockHead() {
		// Locks the head row: appends queue here, so the sequence has no gaps and the
		// chain no forks.
		return jdbc.sql("select seq, hash from audit_head where id = 1 for update")
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.single();
	}

	private void append(Object[] head, String actor, String action, String recordType, String recordId, String result,
			String details) {
		long seq = (Long) head[0] + 1;
		String prev = (String) head[1];
		Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String origin = currentOrigin();
		String hash = keyed(seq, at, actor, action, recordType, recordId, origin, result, details, prev);
		jdbc.sql(
				"""
						insert into audit_entry (seq, at, actor, action, record_type, record_id, origin, result, details, prev_hash, hash)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(seq, Timestamp.from(at), actor, action, recordType, recordId, origin, result, details, prev, hash)
			.update();
		jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
	}

	/**
	 * Recomputes the whole chain with the key and compares it with the head and with
	 * every signed checkpoint; any edit, deletion, insertion or truncation shows, as does
	 * a chain recomputed without the key. A valid chain gets a new checkpoint of its
	 * head.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Verification verify() {
		List<AuditCheckpoints.Checkpoint> signed;
		try {
			signed = checkpoints.read();
		}
		catch (AuditCheckpoints.Forged e) {
			return new Verification(false, 0, null, e.getMessage(), 0, 0);
		}
		Map<Long, AuditCheckpoints.Checkpoint> bySeq = new HashMap<>();
		long highest = 0;
		for (AuditCheckpoints.Checkpoint c : signed) {
			bySeq.putIfAbsent(c.seq(), c);
			if (!c.head().equals(bySeq.get(c.seq()).head())) {
				return new Verification(false, 0, c.seq(), "checkpoints at lines " + bySeq.get(c.seq()).line() + " and "
						+ c.line() + " disagree about entry " + c.seq(), signed.size(), 0);
			}
			highest = Math.max(highest, c.seq());
		}
		Scan scan = scan(0, GENESIS, false, bySeq, signed.size());
		if (scan.failure() != null) {
			return scan.failure();
		}
		long count = scan.lastSeq();
		if (count > 0 && !scan.keyedSeen()) {
			return new Verification(false, count, count,
					"no entry is keyed with the audit key: the chain was recomputed " + "without it", signed.size(),
					scan.legacy());
		}
		if (highest > count) {
			return new Verification(
					false, count, count + 1, "the log ends at entry " + count + " but a signed checkpoint "
							+ "records entry " + highest + ": entries were removed from the end",
					signed.size(), scan.legacy());
		}
		var head = jdbc.sql("select seq, hash from audit_head where id = 1")
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("hash") })
			.single();
		if ((Long) head[0] != count || !head[1].equals(scan.lastHash())) {
			return new Verification(false, count, count + 1, "the log ends at entry " + count + " but the head records "
					+ head[0] + ": entries were removed from the end", signed.size(), scan.legacy());
		}
		if (count > highest) {
			appendCheckpoint(count, scan.lastHash());
		}
		return new Verification(true, count, null, null, signed.size(), scan.legacy());
	}

	/**
	 * Checks the entries written since the last checkpoint against the key and appends a
	 * checkpoint of the head; with no checkpoint yet, verifies the whole chain. Runs on a
	 * schedule ({@code fengqiao.audit.checkpoint-interval}, ms). A chain found broken is
	 * logged, never checkpointed.
	 */
	@Scheduled(fixedDelayString = "${fengqiao.audit.checkpoint-interval:600000}",
			initialDelayString = "${fengqiao.audit.checkpoint-initial-delay:30000}")
	public void checkpoint() {
		// One snapshot for the whole check, as in verify(): appends meanwhile are neither
		// half seen nor mistaken for gaps.
		TransactionTemplate snapshot = new TransactionTemplate(transactions.getTransactionManager());
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		Verification v = snapshot.execute(status -> {
			List<AuditCheckpoints.Checkpoint> signed;
			try {
				signed = checkpoints.read();
			}
			catch (AuditCheckpoints.Forged e) {
				return new Verification(false, 0, null, e.getMessage(), 0, 0);
			}
			AuditCheckpoints.Checkpoint last = signed.stream()
				.max(Comparator.comparingLong(AuditCheckpoints.Checkpoint::seq))
				.orElse(null);
			if (last == null) {
				return null;
			}
			String stored = jdbc.sql("select hash from audit_entry where seq = ?")
				.param(last.seq())
				.query(String.class)
				.optional()
				.orElse(null);
			if (!last.head().equals(stored)) {
				return new Verification(false, 0, last.seq(),
						"entry " + last.seq() + " differs from its signed checkpoint", signed.size(), 0);
			}
			Scan scan = scan(last.seq(), last.head(), true, Map.of(), signed.size());
			if (scan.failure() != null) {
				return scan.failure();
			}
			if (scan.lastSeq() > last.seq()) {
				appendCheckpoint(scan.lastSeq(), scan.lastHash());
			}
			return new Verification(true, scan.lastSeq(), null, null, signed.size(), 0);
		});
		if (v == null) {
			v = snapshot.execute(status -> verify());
		}
		if (v != null && !v.valid()) {
			log.error("The audit chain is broken at entry {}: {}", v.firstBadSeq(), v.problem());
		}
	}

	/**
	 * A checkpoint that cannot be written does not stop the verification: it is logged
	 * for the operator.
	 */
	private void appendCheckpoint(long seq, String head) {
		try {
			checkpoints.append(seq, head, clock.instant().truncatedTo(ChronoUnit.MICROS));
		}
		catch (java.io.UncheckedIOException e) {
			log.error("Could not write the audit checkpoint of entry {} to {}", seq, checkpoints.file(), e);
		}
	}

	/** The outcome of reading the chain from one point on. */
	private record Scan(Verification failure, long lastSeq, String lastHash, boolean keyedSeen, long legacy) {
	}

	private Scan scan(long after, String prev, boolean keyedSeen, Map<Long, AuditCheckpoints.Checkpoint> signed,
			int checkpointCount) {
		long expected = after + 1;
		long legacy = 0;
		List<Entry> batch;
		do {
			batch = jdbc.sql("select * from audit_entry where seq > ? order by seq limit 5000")
				.param(after)
				.query((rs, n) -> map(rs))
				.list();
			for (Entry e : batch) {
				if (e.seq() != expected) {
					return failed(expected, "entry " + expected + " is missing", checkpointCount, legacy);
				}
				if (!e.prevHash().equals(prev)) {
					return failed(e.seq(), "entry " + e.seq() + " does not follow the entry before it", checkpointCount,
							legacy);
				}
				if (keyed(e).equals(e.hash())) {
					keyedSeen = true;
				}
				else if (!keyedSeen && legacyHash(e.seq(), e.at(), e.actor(), e.action(), e.recordType(), e.recordId(),
						e.origin(), e.result(), e.details(), e.prevHash())
					.equals(e.hash())) {
					legacy++;
				}
				else {
					return failed(e.seq(), "entry " + e.seq() + " was altered", checkpointCount, legacy);
				}
				AuditCheckpoints.Checkpoint c = signed.get(e.seq());
				if (c != null && !c.head().equals(e.hash())) {
					return failed(e.seq(), "entry " + e.seq() + " differs from the checkpoint signed at " + c.at()
							+ ": it or an entry before it was rewritten", checkpointCount, legacy);
				}
				prev = e.hash();
				expected++;
				after = e.seq();
			}
		}
		while (!batch.isEmpty());
		return new Scan(null, after, prev, keyedSeen, legacy);
	}

	private static Scan failed(long seq, String problem, int checkpoints, long legacy) {
		return new Scan(new Verification(false, seq - 1, seq, problem, checkpoints, legacy), 0, null, false, legacy);
	}

	/** Searches the log, newest first. Any filter may be null. */
	@Transactional(readOnly = true)
	public List<Entry> search(String actor, String action, String recordType, String recordId, Instant from, Instant to,
			int limit) {
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

	private String keyed(Entry e) {
		return keyed(e.seq(), e.at(), e.actor(), e.action(), e.recordType(), e.recordId(), e.origin(), e.result(),
				e.details(), e.prevHash());
	}

	/**
	 * HMAC-SHA256 with the audit key over the previous hash and the entry's canonical
	 * content (null as NUL).
	 */
	String keyed(long seq, Instant at, String actor, String action, String recordType, String recordId, String origin,
			String result, String details, String prev) {
		return key.mac(prev, String.valueOf(seq),
				String.valueOf(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000), orNull(actor), orNull(action),
				orNull(recordType), orNull(recordId), orNull(origin), orNull(result), orNull(details));
	}

	private static String orNull(String value) {
		return value == null ? NULL : value;
	}

	/**
	 * The unkeyed SHA-256 of entries written before the chain was keyed (kept to verify
	 * them).
	 */
	static String legacyHash(long seq, Instant at, String actor, String action, String recordType, String recordId,
			String origin, String result, String details, String prev) {
		String canonical = String.join("\u001f", String.valueOf(seq),
				String.valueOf(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000), actor, action,
				String.valueOf(recordType), String.valueOf(recordId), String.valueOf(origin), result,
				String.valueOf(details), prev);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
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
