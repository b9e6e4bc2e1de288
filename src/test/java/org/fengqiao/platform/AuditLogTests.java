package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: keyed chain, checkpoints outside the database, and the service's
 * database role. The insider attacks run on a connection of their own as the database
 * owner (a superuser), as someone with database access but without the application's
 * configuration would; each runs in one transaction that is rolled back, and is verified
 * by an audit log reading through that connection.
 */
@FengqiaoIntegration
class AuditLogTests {

	/**
	 * The audit key published in application.properties: the first key an insider would
	 * try.
	 */
	static final String PUBLISHED_DEMO_KEY = "0q13oomXnvQL2of5/SP/QSOvNTqwO7RVDhy2TLQOx/A=";

	@Autowired
	AuditLog audit;

	@Autowired
	AuditLog.Settings settings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@FlywayDataSource
	DataSource owner;

	@Autowired
	Clock clock;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Test
	void theChainVerifiesAndTheServicesRoleMayOnlyAppend() {
		audit.independently("tester", "TEST_EVENT", "test", "1", "OK", "first");
		audit.independently("tester", "TEST_EVENT", "test", "2", "DENIED", "second");
		AuditLog.Verification verification = audit.verify();
		assertThat(verification.valid()).isTrue();
		assertThat(verification.entries()).isGreaterThanOrEqualTo(2);
		assertThat(verification.legacyEntries()).isZero();
		assertThat(audit.search("tester", "TEST_EVENT", null, null, null, null, 10)).hasSizeGreaterThanOrEqualTo(2);
		// The service's own connection: not the owner, not a superuser, no
		// update/delete/truncate on the log.
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("fengqiao_app");
		assertThat(audit.hasRewritePrivileges()).isFalse();
		assertThatThrownBy(() -> jdbc.sql("update audit_entry set details = 'x'").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_entry").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update()).rootCause()
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update())
			.rootCause()
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> jdbc.sql("alter table audit_entry owner to fengqiao_app").update()).rootCause()
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> jdbc.sql("drop trigger audit_entry_append_only on audit_entry").update()).rootCause()
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> jdbc.sql("create table fengqiao_app_scratch (x int)").update()).rootCause()
			.hasMessageContaining("permission denied");
		// ... and the owner's trigger is still there as a second line.
		inOwnersTransaction(owner -> assertThatThrownBy(() -> owner.sql("delete from audit_entry").update()).rootCause()
			.hasMessageContaining("append-only"));
	}

	@Test
	void theAuditorsPageSearchesAndVerifies() throws Exception {
		audit.independently("pagetester", "TEST_EVENT", "test", "9", "OK", "for the page");
		mvc.perform(get("/audit").param("actor", "pagetester").with(httpBasic("auditor", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("for the page")));
		mvc.perform(post("/audit/verify").with(httpBasic("auditor", "fengqiao-demo")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("哈希链完整")));
		mvc.perform(get("/audit").with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/audit").with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isForbidden());
	}

	/**
	 * The attack of issue #9 finding 14: trigger off, a row edited, the chain recomputed
	 * as before, trigger on.
	 */
	@Test
	void anInsiderWhoRecomputesTheChainWithoutTheKeyIsCaught() {
		audit.independently("tester", "TEST_EVENT", "test", "3", "OK", "original");
		audit.independently("tester", "TEST_EVENT", "test", "4", "OK", "after the original");
		long seq = jdbc.sql("select max(seq) from audit_entry where details = 'original'").query(Long.class).single();
		AuditLog guessedKey = new AuditLog(jdbc, clock, new AuditKey(PUBLISHED_DEMO_KEY),
				new AuditCheckpoints(settings.checkpointFile(), new AuditKey(PUBLISHED_DEMO_KEY)), noTransactions());
		// Plain SHA-256 (the old scheme), and HMAC with the published demo key.
		List<Function<Row, String>> schemes = List.of(
				r -> AuditLog.legacyHash(r.seq, r.at, r.actor, r.action, r.recordType, r.recordId, r.origin, r.result,
						r.details, r.prevHash),
				r -> guessedKey.keyed(r.seq, r.at, r.actor, r.action, r.recordType, r.recordId, r.origin, r.result,
						r.details, r.prevHash));
		for (Function<Row, String> scheme : schemes) {
			inOwnersTransaction(owner -> {
				owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
				owner.sql("update audit_entry set details = 'forged' where seq = ?").param(seq).update();
				rechain(owner, seq, scheme);
				owner.sql("alter table audit_entry enable trigger audit_entry_append_only").update();
				AuditLog.Verification v = verifierOn(owner, settings.checkpointFile()).verify();
				assertThat(v.valid()).isFalse();
				assertThat(v.firstBadSeq()).isEqualTo(seq);
				assertThat(v.problem()).contains("altered");
			});
			// The whole log recomputed from the first entry, so that nothing is keyed any
			// more.
			inOwnersTransaction(owner -> {
				owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
				rechain(owner, 1, scheme);
				AuditLog.Verification v = verifierOn(owner, emptyCheckpointFile()).verify();
				assertThat(v.valid()).isFalse();
				assertThat(v.firstBadSeq()).isNotNull();
			});
		}
		assertThat(audit.verify().valid()).isTrue();
	}

	@Test
	void editsAndDeletionsAreDetected() {
		audit.independently("tester", "TEST_EVENT", "test", "5", "OK", "to be deleted");
		audit.independently("tester", "TEST_EVENT", "test", "6", "OK", "after the deleted");
		long seq = jdbc.sql("select max(seq) from audit_entry where details = 'to be deleted'")
			.query(Long.class)
			.single();
		inOwnersTransaction(owner -> {
			owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			owner.sql("delete from audit_entry where seq = ?").param(seq).update();
			AuditLog.Verification v = verifierOn(owner, emptyCheckpointFile()).verify();
			assertThat(v.valid()).isFalse();
			assertThat(v.firstBadSeq()).isEqualTo(seq);
			assertThat(v.problem()).contains("missing");
		});
	}

	/**
	 * Removing entries from the end and moving the head back keeps the chain consistent:
	 * the checkpoints show it.
	 */
	@Test
	void entriesRemovedFromTheEndBelowACheckpointAreDetected() {
		audit.independently("tester", "TEST_EVENT", "test", "7", "OK", "before the checkpoint");
		AuditLog.Verification checked = audit.verify();
		assertThat(checked.valid()).isTrue();
		long checkpointed = checked.entries();
		assertThat(lastCheckpointSeq()).isGreaterThanOrEqualTo(checkpointed);
		inOwnersTransaction(owner -> {
			owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			owner.sql("delete from audit_entry where seq >= ?").param(checkpointed).update();
			String hash = owner.sql("select hash from audit_entry where seq = ?")
				.param(checkpointed - 1)
				.query(String.class)
				.single();
			owner.sql("update audit_head set seq = ?, hash = ?").params(checkpointed - 1, hash).update();
			// Without the checkpoints, nothing would show: the table is a consistent,
			// shorter chain.
			assertThat(verifierOn(owner, emptyCheckpointFile()).verify().valid()).isTrue();
			AuditLog.Verification v = verifierOn(owner, settings.checkpointFile()).verify();
			assertThat(v.valid()).isFalse();
			assertThat(v.firstBadSeq()).isEqualTo(checkpointed);
			assertThat(v.problem()).contains("checkpoint", "removed from the end");
		});
	}

	/**
	 * Even someone holding the key cannot rewrite below a checkpoint when they cannot
	 * rewrite the file too.
	 */
	@Test
	void aRowRewrittenBelowACheckpointIsDetectedEvenWithTheKey() {
		audit.independently("tester", "TEST_EVENT", "test", "8", "OK", "checkpointed original");
		long seq = jdbc.sql("select max(seq) from audit_entry where details = 'checkpointed original'")
			.query(Long.class)
			.single();
		assertThat(audit.verify().valid()).isTrue();
		long checkpointed = lastCheckpointSeq();
		inOwnersTransaction(owner -> {
			AuditLog withKey = verifierOn(owner, settings.checkpointFile());
			owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			owner.sql("update audit_entry set details = 'forged with the key' where seq = ?").param(seq).update();
			rechain(owner, seq, r -> withKey.keyed(r.seq, r.at, r.actor, r.action, r.recordType, r.recordId, r.origin,
					r.result, r.details, r.prevHash));
			assertThat(verifierOn(owner, emptyCheckpointFile()).verify().valid()).isTrue();
			AuditLog.Verification v = withKey.verify();
			assertThat(v.valid()).isFalse();
			assertThat(v.firstBadSeq()).isBetween(seq, checkpointed);
			assertThat(v.problem()).contains("checkpoint");
		});
	}

	@Test
	void aCheckpointNotSignedWithTheKeyIsRefused(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("checkpoints.log");
		String head = jdbc.sql("select hash from audit_head").query(String.class).single();
		long seq = jdbc.sql("select seq from audit_head").query(Long.class).single();
		Files.writeString(file, "v1 " + seq + " " + head + " 2026-01-01T00:00:00Z " + "ab".repeat(32) + "\n");
		AuditLog verifier = new AuditLog(jdbc, clock, new AuditKey(settings.key()),
				new AuditCheckpoints(file, new AuditKey(settings.key())), noTransactions());
		AuditLog.Verification v = verifier.verify();
		assertThat(v.valid()).isFalse();
		assertThat(v.problem()).contains("not signed");
	}

	/**
	 * A log written before the chain was keyed (plain SHA-256) stays as it is: at the
	 * first start with a key the service appends AUDIT_CHAIN_KEYED, and from there the
	 * legacy prefix is covered by the keyed entries after it.
	 */
	@Test
	void aLegacyLogGetsAKeyedSegmentThatProtectsItToo() {
		inOwnersTransaction(owner -> {
			owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			rechain(owner, 1, r -> AuditLog.legacyHash(r.seq, r.at, r.actor, r.action, r.recordType, r.recordId,
					r.origin, r.result, r.details, r.prevHash));
			long legacy = owner.sql("select seq from audit_head").query(Long.class).single();
			Path fresh = emptyCheckpointFile();
			AuditLog service = verifierOn(owner, fresh);
			service.afterSingletonsInstantiated();
			assertThat(owner.sql("select action from audit_entry where seq = ?")
				.param(legacy + 1)
				.query(String.class)
				.single()).isEqualTo(AuditLog.KEYED);
			AuditLog.Verification v = service.verify();
			assertThat(v.valid()).isTrue();
			assertThat(v.legacyEntries()).isEqualTo(legacy);
			assertThat(v.entries()).isEqualTo(legacy + 1);
			// A second start adds nothing.
			service.afterSingletonsInstantiated();
			assertThat(owner.sql("select seq from audit_head").query(Long.class).single()).isEqualTo(legacy + 1);
			// Rewriting the legacy prefix the old way no longer passes: the keyed entry
			// after it covers its last hash.
			owner.sql("update audit_entry set details = 'forged' where seq = 1").update();
			rechainRange(owner, 1, legacy, r -> AuditLog.legacyHash(r.seq, r.at, r.actor, r.action, r.recordType,
					r.recordId, r.origin, r.result, r.details, r.prevHash));
			AuditLog.Verification forged = verifierOn(owner, emptyCheckpointFile()).verify();
			assertThat(forged.valid()).isFalse();
			assertThat(forged.firstBadSeq()).isEqualTo(legacy + 1);
		});
	}

	// --- the insider's tools
	// ------------------------------------------------------------------------------------

	record Row(long seq, Instant at, String actor, String action, String recordType, String recordId, String origin,
			String result, String details, String prevHash) {
	}

	/**
	 * Runs the attack in one transaction on an owner's connection of its own, then rolls
	 * it back.
	 */
	private void inOwnersTransaction(java.util.function.Consumer<JdbcClient> attack) {
		try (Connection connection = owner.getConnection()) {
			var superuser = connection.createStatement()
				.executeQuery("select rolsuper from pg_roles where rolname = current_user");
			assertThat(superuser.next() && superuser.getBoolean(1)).as("the insider is a superuser").isTrue();
			connection.setAutoCommit(false);
			try {
				attack.accept(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
			}
			finally {
				connection.rollback();
			}
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	private AuditLog verifierOn(JdbcClient connection, Path checkpointFile) {
		AuditKey key = new AuditKey(settings.key());
		return new AuditLog(connection, clock, key, new AuditCheckpoints(checkpointFile, key), noTransactions());
	}

	private static void rechain(JdbcClient owner, long from, Function<Row, String> hash) {
		rechainRange(owner, from, Long.MAX_VALUE, hash);
	}

	/**
	 * Recomputes prev_hash and hash from entry {@code from} to {@code to} and moves the
	 * head when it reaches the end.
	 */
	private static void rechainRange(JdbcClient owner, long from, long to, Function<Row, String> hash) {
		String prev = from == 1 ? AuditLog.GENESIS
				: owner.sql("select hash from audit_entry where seq = ?").param(from - 1).query(String.class).single();
		List<Row> rows = owner.sql("select * from audit_entry where seq between ? and ? order by seq")
			.params(from, to)
			.query((rs, n) -> new Row(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"),
					rs.getString("origin"), rs.getString("result"), rs.getString("details"), null))
			.list();
		for (Row r : rows) {
			Row linked = new Row(r.seq, r.at, r.actor, r.action, r.recordType, r.recordId, r.origin, r.result,
					r.details, prev);
			String h = hash.apply(linked);
			owner.sql("update audit_entry set prev_hash = ?, hash = ? where seq = ?").params(prev, h, r.seq).update();
			prev = h;
		}
		long last = owner.sql("select max(seq) from audit_entry").query(Long.class).single();
		if (!rows.isEmpty() && rows.get(rows.size() - 1).seq == last) {
			owner.sql("update audit_head set seq = ?, hash = ?").params(last, prev).update();
		}
	}

	private long lastCheckpointSeq() {
		AuditKey key = new AuditKey(settings.key());
		return new AuditCheckpoints(settings.checkpointFile(), key).read()
			.stream()
			.mapToLong(AuditCheckpoints.Checkpoint::seq)
			.max()
			.orElse(0);
	}

	private static Path emptyCheckpointFile() {
		try {
			Path file = Files.createTempFile("audit-checkpoints", ".log");
			Files.delete(file);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/**
	 * The attacks run in the owner's open transaction: the verifier must not begin or
	 * commit one of its own.
	 */
	private static TransactionTemplate noTransactions() {
		return new TransactionTemplate(new PlatformTransactionManager() {
			@Override
			public TransactionStatus getTransaction(TransactionDefinition definition) {
				return new SimpleTransactionStatus(false);
			}

			@Override
			public void commit(TransactionStatus status) {
			}

			@Override
			public void rollback(TransactionStatus status) {
			}
		});
	}

}
