package org.fengqiao.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account rules of 等保 level 3, as configuration: password policy, lockout after
 * repeated failures, and personal access tokens for API clients (stored only as hashes,
 * revocable, scoped, expiring).
 */
@Component
public class AccountSecurity {

	/**
	 * {@code fengqiao.security.*}: password length and character classes, lockout
	 * threshold and duration, token lifetime, and whether HTTP Basic authentication is
	 * accepted at all (off unless configured: people sign in with the form, machines use
	 * tokens).
	 */
	@ConfigurationProperties("fengqiao.security")
	public record Settings(Integer passwordMinLength, Integer passwordMinClasses, Integer maxFailedAttempts,
			Duration lockout, Duration tokenMaxAge, Boolean httpBasic) {
		public Settings {
			passwordMinLength = passwordMinLength == null ? 10 : passwordMinLength;
			passwordMinClasses = passwordMinClasses == null ? 3 : passwordMinClasses;
			maxFailedAttempts = maxFailedAttempts == null ? 5 : maxFailedAttempts;
			lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
			tokenMaxAge = tokenMaxAge == null ? Duration.ofDays(365) : tokenMaxAge;
			httpBasic = httpBasic != null && httpBasic;
		}
	}

	/**
	 * What a session must be checked against on each request: whether the account may
	 * still be used, and its roles.
	 */
	public record Standing(boolean usable, Set<String> roles) {
	}

	/** A token as the owner sees it; the secret itself is shown once, at creation. */
	public record Token(long id, String username, String name, List<String> scopes, Instant createdAt,
			Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
	}

	/** Who a presented token authenticates, and what it may do. */
	public record TokenHolder(String username, String roles, Set<String> scopes) {
	}

	public static final String TOKEN_PREFIX = "fq_";

	/**
	 * bcrypt reads at most 72 bytes of a password; a longer one is refused rather than
	 * silently cut.
	 */
	public static final int PASSWORD_MAX_BYTES = 72;

	private static final Set<String> COMMON_PASSWORDS = commonPasswords();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Settings settings;

	private final SecureRandom random = new SecureRandom();

	AccountSecurity(JdbcClient jdbc, Clock clock, Settings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	/** The reasons a password is refused, empty when it meets the policy. */
	public List<String> passwordProblems(String username, String password) {
		List<String> problems = new ArrayList<>();
		if (password == null || password.length() < settings.passwordMinLength()) {
			problems.add("at least " + settings.passwordMinLength() + " characters");
			return problems;
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
			problems
				.add("at most " + PASSWORD_MAX_BYTES + " bytes in UTF-8 (72 letters or digits, 24 Chinese characters)");
			return problems;
		}
		int classes = 0;
		classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		if (classes < settings.passwordMinClasses()) {
			problems.add("at least " + settings.passwordMinClasses()
					+ " of: lower-case letters, upper-case letters, digits, other characters");
		}
		if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
			problems.add("must not contain the user name");
		}
		if (isCommon(password)) {
			problems.add("too common: it is on the list of passwords tried first");
		}
		return problems;
	}

	/**
	 * True when the password, lower-cased, is a common password, also once its leading
	 * and trailing digits and symbols are taken off ({@code Password123}) and once
	 * look-alike digits and symbols are read as the letters they stand for
	 * ({@code Passw0rd!}).
	 */
	static boolean isCommon(String password) {
		String lower = password.toLowerCase(java.util.Locale.ROOT);
		String trailing = lower.replaceFirst("[^\\p{L}]+$", "");
		String core = trailing.replaceFirst("^[^\\p{L}]+", "");
		for (String candidate : List.of(lower, trailing, core)) {
			if (!candidate.isEmpty()
					&& (COMMON_PASSWORDS.contains(candidate) || COMMON_PASSWORDS.contains(plainLetters(candidate)))) {
				return true;
			}
		}
		return false;
	}

	private static String plainLetters(String text) {
		StringBuilder letters = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			letters.append(switch (c) {
				case '0' -> 'o';
				case '1', '!' -> 'i';
				case '3' -> 'e';
				case '4', '@' -> 'a';
				case '5', '$' -> 's';
				case '7' -> 't';
				default -> c;
			});
		}
		return letters.toString();
	}

	private static Set<String> commonPasswords() {
		try (var in = AccountSecurity.class.getResourceAsStream("/platform/common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("platform/common-passwords.txt is missing from the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.collect(java.util.stream.Collectors.toUnmodifiableSet());
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	// --- accounts as sessions see them
	// ---------------------------------------------------------------------

	/**
	 * The account for sign-in (form or, where enabled, HTTP Basic), with its hash, roles
	 * and whether it is usable.
	 */
	Optional<org.springframework.security.core.userdetails.UserDetails> user(String username) {
		return jdbc.sql("select username, password_hash, roles, enabled, locked_until from account where username = ?")
			.param(username)
			.query((rs, n) -> org.springframework.security.core.userdetails.User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.roles(roles(rs.getString("roles")).toArray(String[]::new))
				.disabled(!rs.getBoolean("enabled"))
				.accountLocked(isLocked(rs.getTimestamp("locked_until")))
				.build())
			.optional();
	}

	/**
	 * How the account stands now: a session of a missing, disabled or locked account must
	 * end.
	 */
	public Standing standing(String username) {
		return jdbc.sql("select roles, enabled, locked_until from account where username = ?")
			.param(username)
			.query((rs, n) -> new Standing(rs.getBoolean("enabled") && !isLocked(rs.getTimestamp("locked_until")),
					Set.copyOf(roles(rs.getString("roles")))))
			.optional()
			.orElse(new Standing(false, Set.of()));
	}

	static List<String> roles(String roles) {
		return java.util.Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
	}

	/**
	 * Counts a failed sign-in; the account locks when the failures reach the threshold.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void failed(String username) {
		Instant now = clock.instant();
		jdbc.sql("""
				update account set failed_attempts = failed_attempts + 1,
				    locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end
				where username = ?""")
			.params(settings.maxFailedAttempts(), Timestamp.from(now.plus(settings.lockout())), username)
			.update();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void succeeded(String username) {
		jdbc.sql(
				"update account set failed_attempts = 0, locked_until = null where username = ? and failed_attempts > 0")
			.param(username)
			.update();
	}

	boolean isLocked(Timestamp lockedUntil) {
		return lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
	}

	// --- tokens
	// ---------------------------------------------------------------------------------------------

	/**
	 * Creates a token and returns its secret, which is stored only as a hash and cannot
	 * be shown again.
	 */
	@Transactional
	public String createToken(String username, String name, Set<String> scopes, Duration validity) {
		if (name == null || name.isBlank() || name.length() > 60) {
			throw new IllegalArgumentException("A token needs a name of at most 60 characters");
		}
		if (scopes == null || scopes.isEmpty() || !Set.of("read", "write").containsAll(scopes)) {
			throw new IllegalArgumentException("scopes must be read and/or write");
		}
		if (validity == null || validity.isNegative() || validity.isZero()
				|| validity.compareTo(settings.tokenMaxAge()) > 0) {
			throw new IllegalArgumentException(
					"A token is valid for at most " + settings.tokenMaxAge().toDays() + " days");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = clock.instant();
		jdbc.sql("""
				insert into api_token (account_id, name, token_hash, scopes, created_at, expires_at)
				select id, ?, ?, ?::varchar[], ?, ? from account where username = ?""")
			.params(name.strip(), hash(token), "{" + String.join(",", new java.util.TreeSet<>(scopes)) + "}",
					Timestamp.from(now), Timestamp.from(now.plus(validity)), username)
			.update();
		return token;
	}

	/**
	 * The account a token stands for, if it is known, not revoked, not expired and its
	 * account is usable.
	 */
	@Transactional
	public Optional<TokenHolder> authenticate(String token) {
		if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Optional<TokenHolder> holder = jdbc
			.sql("""
					select a.username, a.roles, t.scopes, a.locked_until from api_token t join account a on a.id = t.account_id
					where t.token_hash = ? and t.revoked_at is null and t.expires_at > ? and a.enabled""")
			.params(hash(token), Timestamp.from(now))
			.query((rs, n) -> isLocked(rs.getTimestamp("locked_until")) ? null
					: new TokenHolder(rs.getString("username"), rs.getString("roles"),
							Set.of((String[]) rs.getArray("scopes").getArray())))
			.optional();
		holder.ifPresent(h -> jdbc.sql("update api_token set last_used_at = ? where token_hash = ?")
			.params(Timestamp.from(now), hash(token))
			.update());
		return holder;
	}

	public List<Token> tokens(String username) {
		return jdbc.sql("""
				select t.*, a.username from api_token t join account a on a.id = t.account_id
				where (cast(? as text) is null or a.username = ?) order by t.id""")
			.params(username, username)
			.query((rs, n) -> new Token(rs.getLong("id"), rs.getString("username"), rs.getString("name"),
					List.of((String[]) rs.getArray("scopes").getArray()), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
					instant(rs.getTimestamp("last_used_at"))))
			.list();
	}

	/** Revokes a token; with a user name, only that user's token. */
	@Transactional
	public boolean revoke(long id, String username) {
		return jdbc
			.sql("""
					update api_token t set revoked_at = ? from account a
					where t.id = ? and a.id = t.account_id and t.revoked_at is null and (cast(? as text) is null or a.username = ?)""")
			.params(Timestamp.from(clock.instant()), id, username, username)
			.update() > 0;
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
