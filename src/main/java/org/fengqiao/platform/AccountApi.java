package org.fengqiao.platform;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.ObjectProvider;
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
 * roles. Who an account belongs to (its person) is kept by the module that owns people,
 * through {@link AccountHolders}.
 */
@RestController
class AccountApi {

	static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR, Roles.COMMAND, Roles.STATION,
			Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR);

	static final Set<String> ADMINISTRATORS = Set.of(Roles.ADMIN, Roles.SECURITY, Roles.AUDITOR);

	record NewAccount(
			@Schema(description = "3-64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
					example = "duty1") @NotNull @Pattern(regexp = "[a-z][a-z0-9_.-]{2,63}") String username,
			@NotBlank @Size(max = 60) String displayName,
			@Schema(description = "Checked against the password policy (fengqiao.security.*)") String password,
			@Schema(description = "Non-empty; ADMIN, SECURITY, AUDITOR, COMMAND, STATION, TOWNSHIP, GRID_WORKER, OFFICER"
					+ " or MEDIATOR; at most one of the three administrator roles") List<String> roles,
			@Schema(description = "The person (organisation) the account belongs to; gives it its data scope",
					nullable = true) Long personId) {
	}

	record RoleChange(@Schema(description = "The new roles, as for a new account") List<String> roles) {
	}

	record PasswordChange(String current, String password) {
	}

	record NewToken(@Schema(description = "At most 60 characters") String name,
			@Schema(description = "read and/or write") Set<String> scopes,
			@Schema(description = "Days valid, 90 unless given") Integer days) {
	}

	/** An account as the security administrator sees it. */
	record Account(String username, String displayName, List<String> roles, boolean enabled,
			@Schema(description = "Still has the demo password") boolean demo, @Schema(nullable = true) Long personId,
			int failedAttempts, boolean locked) {
	}

	record AccountRoles(String username, @Schema(description = "Comma-separated, sorted") String roles) {
	}

	record Unlocked(String username, boolean locked) {
	}

	record Enabled(String username, boolean enabled) {
	}

	record CreatedToken(@Schema(description = "The secret, shown in this answer only") String token, String name,
			Set<String> scopes) {
	}

	record PasswordChanged(String username, boolean changed) {
	}

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final AccountSecurity security;

	private final AuditLog audit;

	private final ObjectProvider<AccountHolders> holders;

	AccountApi(JdbcClient jdbc, PasswordEncoder passwords, AccountSecurity security, AuditLog audit,
			ObjectProvider<AccountHolders> holders) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.security = security;
		this.audit = audit;
		this.holders = holders;
	}

	@GetMapping("/api/v1/accounts")
	List<Account> accounts() {
		AccountHolders holder = holders.getIfAvailable();
		Map<String, Long> persons = holder == null ? Map.of() : holder.all();
		return jdbc.sql("""
				select username, display_name, roles, enabled, demo, failed_attempts, locked_until
				from account order by username""")
			.query((rs, n) -> new Account(rs.getString("username"), rs.getString("display_name"),
					List.of(rs.getString("roles").split(",")), rs.getBoolean("enabled"), rs.getBoolean("demo"),
					persons.get(rs.getString("username")), rs.getInt("failed_attempts"),
					security.isLocked(rs.getTimestamp("locked_until"))))
			.list();
	}

	@PostMapping("/api/v1/accounts")
	@Transactional
	ResponseEntity<AccountRoles> create(@Valid @RequestBody NewAccount request) {
		String roles = checkRoles(request.roles());
		List<String> problems = security.passwordProblems(request.username(), request.password());
		if (!problems.isEmpty()) {
			throw DomainException.invalid("weak-password", String.join("; ", problems));
		}
		if (jdbc.sql("select count(*) from account where username = ?")
			.param(request.username())
			.query(Integer.class)
			.single() > 0) {
			throw DomainException.conflict("username-taken", request.username() + " exists");
		}
		jdbc.sql("insert into account (username, password_hash, display_name, roles) values (?, ?, ?, ?)")
			.params(request.username(), passwords.encode(request.password()), request.displayName().strip(), roles)
			.update();
		if (request.personId() != null) {
			AccountHolders holder = holders.getIfAvailable();
			if (holder == null) {
				throw DomainException.invalid("no-people", "No module keeps people here; leave personId out");
			}
			holder.link(request.username(), request.personId());
		}
		audit.change("ACCOUNT_CREATED", "account", request.username(), "roles " + roles);
		return ResponseEntity.status(HttpStatus.CREATED).body(new AccountRoles(request.username(), roles));
	}

	@PutMapping("/api/v1/accounts/{username}/roles")
	@Transactional
	AccountRoles changeRoles(@PathVariable String username, @Valid @RequestBody RoleChange request, Principal me) {
		if (username.equals(me.getName())) {
			throw DomainException.notAllowed("own-roles", "An administrator cannot change their own roles");
		}
		String roles = checkRoles(request.roles());
		if (jdbc.sql("update account set roles = ? where username = ?").params(roles, username).update() == 0) {
			throw notFound(username);
		}
		audit.change("ACCOUNT_ROLES_CHANGED", "account", username, "roles " + roles);
		return new AccountRoles(username, roles);
	}

	@PostMapping("/api/v1/accounts/{username}/unlock")
	@Transactional
	Unlocked unlock(@PathVariable String username) {
		if (jdbc.sql("update account set failed_attempts = 0, locked_until = null where username = ?")
			.param(username)
			.update() == 0) {
			throw notFound(username);
		}
		audit.change("ACCOUNT_UNLOCKED", "account", username, null);
		return new Unlocked(username, false);
	}

	@PostMapping("/api/v1/accounts/{username}/{state:enable|disable}")
	@Transactional
	Enabled enable(@PathVariable String username, @PathVariable String state, Principal me) {
		if (username.equals(me.getName())) {
			throw DomainException.notAllowed("own-account", "Ask another administrator");
		}
		boolean enabled = state.equals("enable");
		if (jdbc.sql("update account set enabled = ? where username = ?").params(enabled, username).update() == 0) {
			throw notFound(username);
		}
		audit.change(enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", "account", username, null);
		return new Enabled(username, enabled);
	}

	@GetMapping("/api/v1/tokens")
	List<AccountSecurity.Token> allTokens() {
		return security.tokens(null);
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	@Transactional
	ResponseEntity<Void> revokeAny(@PathVariable long id) {
		if (!security.revoke(id, null)) {
			throw DomainException.notFound("token-not-found", "No live token " + id);
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
	ResponseEntity<CreatedToken> createToken(@Valid @RequestBody NewToken request, Principal me) {
		String token;
		try {
			token = security.createToken(me.getName(), request.name(), request.scopes(),
					Duration.ofDays(request.days() == null ? 90 : request.days()));
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("bad-token", e.getMessage());
		}
		audit.change("TOKEN_CREATED", "api_token", request.name(), "scopes " + request.scopes());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedToken(token, request.name(), request.scopes()));
	}

	@DeleteMapping("/api/v1/me/tokens/{id}")
	@Transactional
	ResponseEntity<Void> revokeMine(@PathVariable long id, Principal me) {
		if (!security.revoke(id, me.getName())) {
			throw DomainException.notFound("token-not-found", "No live token " + id + " of yours");
		}
		audit.change("TOKEN_REVOKED", "api_token", String.valueOf(id), null);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/me/password")
	@Transactional
	PasswordChanged changePassword(@Valid @RequestBody PasswordChange request, Principal me) {
		String hash = jdbc.sql("select password_hash from account where username = ?")
			.param(me.getName())
			.query(String.class)
			.single();
		if (request.current() == null || !passwords.matches(request.current(), hash)) {
			audit.independently(me.getName(), "PASSWORD_CHANGE", "account", me.getName(), "DENIED",
					"wrong current password");
			throw DomainException.invalid("wrong-password", "The current password is wrong");
		}
		List<String> problems = security.passwordProblems(me.getName(), request.password());
		if (!problems.isEmpty()) {
			throw DomainException.invalid("weak-password", String.join("; ", problems));
		}
		jdbc.sql("update account set password_hash = ?, password_changed_at = now(), demo = false where username = ?")
			.params(passwords.encode(request.password()), me.getName())
			.update();
		audit.change("PASSWORD_CHANGED", "account", me.getName(), null);
		return new PasswordChanged(me.getName(), true);
	}

	private static String checkRoles(List<String> roles) {
		if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
			throw DomainException.invalid("bad-roles", "roles must be a non-empty list of " + ROLES);
		}
		if (roles.stream().filter(ADMINISTRATORS::contains).count() > 1) {
			throw DomainException.rejected("administrators-apart",
					"The system, security and audit administrator roles cannot be held together");
		}
		return String.join(",", new TreeSet<>(roles));
	}

	private static DomainException notFound(String username) {
		return DomainException.notFound("account-not-found", "No account " + username);
	}

}
