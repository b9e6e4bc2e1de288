package org.fengqiao.platform;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts, roles and tokens. Managing accounts is the security administrator's work
 * alone; every user manages their own password and tokens. No account may hold two of the
 * three administrator roles, and the security administrator cannot change their own
 * roles.
 */
@RestController
class AccountApi {

	static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR, Roles.COMMAND, Roles.STATION,
			Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR);

	static final Set<String> ADMINISTRATORS = Set.of(Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR);

	record NewAccount(String username, String displayName, String password, List<String> roles, Long personId) {
	}

	record RoleChange(List<String> roles) {
	}

	record PasswordChange(String current, String password) {
	}

	record NewToken(String name, Set<String> scopes, Integer days) {
	}

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final AccountSecurity security;

	private final AuditLog audit;

	AccountApi(JdbcClient jdbc, PasswordEncoder passwords, AccountSecurity security, AuditLog audit) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.security = security;
		this.audit = audit;
	}

	@GetMapping("/api/v1/accounts")
	List<Map<String, Object>> accounts() {
		return jdbc.sql("""
				select username, display_name, roles, enabled, demo, person_id, failed_attempts, locked_until
				from account order by username""").query((rs, n) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("username", rs.getString("username"));
			row.put("displayName", rs.getString("display_name"));
			row.put("roles", List.of(rs.getString("roles").split(",")));
			row.put("enabled", rs.getBoolean("enabled"));
			row.put("demo", rs.getBoolean("demo"));
			row.put("personId", rs.getObject("person_id"));
			row.put("failedAttempts", rs.getInt("failed_attempts"));
			row.put("locked", security.isLocked(rs.getTimestamp("locked_until")));
			return row;
		}).list();
	}

	@PostMapping("/api/v1/accounts")
	@Transactional
	ResponseEntity<Map<String, Object>> create(@RequestBody NewAccount request) {
		if (request == null || request.username() == null || !request.username().matches("[a-z][a-z0-9_.-]{2,63}")) {
			throw bad("bad-username", "A user name has 3-64 lower-case letters, digits, '.', '_' or '-'");
		}
		if (request.displayName() == null || request.displayName().isBlank() || request.displayName().length() > 60) {
			throw bad("bad-display-name", "A display name of at most 60 characters is required");
		}
		String roles = checkRoles(request.roles());
		List<String> problems = security.passwordProblems(request.username(), request.password());
		if (!problems.isEmpty()) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "weak-password", "Password refused", String.join("; ", problems));
		}
		if (jdbc.sql("select count(*) from account where username = ?")
			.param(request.username())
			.query(Integer.class)
			.single() > 0) {
			throw Problems.of(HttpStatus.CONFLICT, "username-taken", "User name taken", request.username() + " exists");
		}
		jdbc.sql("insert into account (username, password_hash, display_name, roles, person_id) values (?, ?, ?, ?, ?)")
			.params(request.username(), passwords.encode(request.password()), request.displayName().strip(), roles,
					request.personId())
			.update();
		audit.change("ACCOUNT_CREATED", "account", request.username(), "roles " + roles);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("username", request.username(), "roles", roles));
	}

	@PutMapping("/api/v1/accounts/{username}/roles")
	@Transactional
	Map<String, Object> changeRoles(@PathVariable String username, @RequestBody RoleChange request, Principal me) {
		if (username.equals(me.getName())) {
			throw Problems.of(HttpStatus.FORBIDDEN, "own-roles", "Not your own roles",
					"An administrator cannot change their own roles");
		}
		String roles = checkRoles(request == null ? null : request.roles());
		if (jdbc.sql("update account set roles = ? where username = ?").params(roles, username).update() == 0) {
			throw notFound(username);
		}
		audit.change("ACCOUNT_ROLES_CHANGED", "account", username, "roles " + roles);
		return Map.of("username", username, "roles", roles);
	}

	@PostMapping("/api/v1/accounts/{username}/unlock")
	@Transactional
	Map<String, Object> unlock(@PathVariable String username) {
		if (jdbc.sql("update account set failed_attempts = 0, locked_until = null where username = ?")
			.param(username)
			.update() == 0) {
			throw notFound(username);
		}
		audit.change("ACCOUNT_UNLOCKED", "account", username, null);
		return Map.of("username", username, "locked", false);
	}

	@PostMapping("/api/v1/accounts/{username}/{state:enable|disable}")
	@Transactional
	Map<String, Object> enable(@PathVariable String username, @PathVariable String state, Principal me) {
		if (username.equals(me.getName())) {
			throw Problems.of(HttpStatus.FORBIDDEN, "own-account", "Not your own account", "Ask another administrator");
		}
		boolean enabled = state.equals("enable");
		if (jdbc.sql("update account set enabled = ? where username = ?").params(enabled, username).update() == 0) {
			throw notFound(username);
		}
		audit.change(enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", "account", username, null);
		return Map.of("username", username, "enabled", enabled);
	}

	@GetMapping("/api/v1/tokens")
	List<AccountSecurity.Token> allTokens() {
		return security.tokens(null);
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	@Transactional
	ResponseEntity<Void> revokeAny(@PathVariable long id) {
		if (!security.revoke(id, null)) {
			throw Problems.of(HttpStatus.NOT_FOUND, "token-not-found", "Token not found", "No live token " + id);
		}
		audit.change("TOKEN_REVOKED", "api_token", String.valueOf(id), null);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/me/tokens")
	List<AccountSecurity.Token> myTokens(Principal me) {
		return security.tokens(me.getName());
	}

	/** Creates a token for the caller; the secret is in this answer only. */
	@PostMapping("/api/v1/me/tokens")
	@Transactional
	ResponseEntity<Map<String, Object>> createToken(@RequestBody NewToken request, Principal me) {
		String token;
		try {
			token = security.createToken(me.getName(), request == null ? null : request.name(),
					request == null ? null : request.scopes(),
					Duration.ofDays(request == null || request.days() == null ? 90 : request.days()));
		}
		catch (IllegalArgumentException e) {
			throw bad("bad-token", e.getMessage());
		}
		audit.change("TOKEN_CREATED", "api_token", request.name(), "scopes " + request.scopes());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("token", token, "name", request.name(), "scopes", request.scopes()));
	}

	@DeleteMapping("/api/v1/me/tokens/{id}")
	@Transactional
	ResponseEntity<Void> revokeMine(@PathVariable long id, Principal me) {
		if (!security.revoke(id, me.getName())) {
			throw Problems.of(HttpStatus.NOT_FOUND, "token-not-found", "Token not found",
					"No live token " + id + " of yours");
		}
		audit.change("TOKEN_REVOKED", "api_token", String.valueOf(id), null);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/me/password")
	@Transactional
	Map<String, Object> changePassword(@RequestBody PasswordChange request, Principal me) {
		String hash = jdbc.sql("select password_hash from account where username = ?")
			.param(me.getName())
			.query(String.class)
			.single();
		if (request == null || request.current() == null || !passwords.matches(request.current(), hash)) {
			audit.independently(me.getName(), "PASSWORD_CHANGE", "account", me.getName(), "DENIED",
					"wrong current password");
			throw bad("wrong-password", "The current password is wrong");
		}
		List<String> problems = security.passwordProblems(me.getName(), request.password());
		if (!problems.isEmpty()) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "weak-password", "Password refused", String.join("; ", problems));
		}
		jdbc.sql("update account set password_hash = ?, password_changed_at = now(), demo = false where username = ?")
			.params(passwords.encode(request.password()), me.getName())
			.update();
		audit.change("PASSWORD_CHANGED", "account", me.getName(), null);
		return Map.of("username", me.getName(), "changed", true);
	}

	private static String checkRoles(List<String> roles) {
		if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
			throw bad("bad-roles", "roles must be a non-empty list of " + ROLES);
		}
		if (roles.stream().filter(ADMINISTRATORS::contains).count() > 1) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "administrators-apart", "Administrators kept apart",
					"The system, security and audit administrator roles cannot be held together");
		}
		return String.join(",", new java.util.TreeSet<>(roles));
	}

	private static org.springframework.web.ErrorResponseException bad(String type, String detail) {
		return Problems.of(HttpStatus.BAD_REQUEST, type, "Bad request", detail);
	}

	private static org.springframework.web.ErrorResponseException notFound(String username) {
		return Problems.of(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", "No account " + username);
	}

}
